// The lesson module: plans a lesson into chat steps, gathers a lesson's material, re-explains after
// a wrong answer.

export { planLesson, refOf, type LessonInput, type LessonStep, type LessonStepKind } from './planLesson';
export { lessonMaterialFor, type LessonMaterial } from './material';
export { contextFor, rephraseForRetry, retryMessage, type RetryMessage } from './retry';
export { MAX_BULLETS, MAX_WORDS } from './pieces';
