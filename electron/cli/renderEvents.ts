import { sectionLabel } from '../core/answer/composeAnswer';
import type { TutorEvent } from '../core/tutor/types';

const VERDICT_LABEL = { correct: '✔ correct', partly: '◐ partly right', 'not-yet': '✘ not yet' } as const;

/** A tutor event as terminal text (the app renders the same events as chat bubbles). */
export function renderEvent(e: TutorEvent): string {
  switch (e.type) {
    case 'lesson': {
      const goals = e.goals.length ? `\nGoals: ${e.goals.join('; ')}` : '';
      return `\n══ ${e.title} (${e.phaseId}) ══${goals}`;
    }
    case 'message':
      return `\nTutor: ${e.markdown}`;
    case 'question': {
      const q = e.question;
      const choices = q.choices?.map((c, i) => `  ${i + 1}. ${c}`).join('\n') ?? '';
      const how =
        q.kind === 'order'
          ? '\n(answer with the numbers in the right order, e.g. 2,1,3)'
          : q.kind === 'choice'
            ? '\n(answer with a number or the text)'
            : '';
      return `\nQuestion (${q.kind}): ${q.prompt}${choices ? `\n${choices}` : ''}${how}`;
    }
    case 'verdict':
      return `${VERDICT_LABEL[e.verdict.result]} — ${e.verdict.feedback}`;
    case 'answer':
      return (
        `\nTutor: ${e.markdown}` +
        (e.refs.length ? `\nSources: ${e.refs.map((r) => sectionLabel(r.headingPath)).join('; ')}` : '') +
        (e.offerTopic ? `\n(Teach me: npm run -s cli -- learn add --title "${e.offerTopic}" --file notes.md)` : '')
      );
    case 'progress': {
      const rows = e.summary.phases.map(
        (p) => `  ${p.title.padEnd(28)} ${p.done}/${p.lessons} lessons · mastery ${Math.round(p.mastery * 100)}%`,
      );
      const next = e.summary.suggestedNext ? `\nSuggested next: ${e.summary.suggestedNext.title}` : '';
      return `\nProgress:\n${rows.join('\n')}\nReviews due: ${e.summary.reviewDue}${next}`;
    }
    case 'done':
      return '';
    case 'error':
      return `! ${e.message}`;
  }
}
