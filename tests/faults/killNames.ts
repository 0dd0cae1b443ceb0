// Names shared by the kill-loop child (killChild.ts) and its test: what item n is called.

export interface KillChildConfig {
  dataDir: string;
  /** First item number: numbers are unique across the whole loop. */
  start: number;
  /** Open the engine too (its index gets the topics); null: stores only, topics not indexed. */
  engine: { contentDir: string; modelsRoot: string; tokenizerDir: string } | null;
}

export const lessonIdOf = (n: number): string => `kill/lesson-${n}`;
export const topicTitleOf = (n: number): string => `Kill topic ${n}`;
/** A word only topic n holds, so a search for it finds that topic's chunk and nothing else. */
export const topicWordOf = (n: number): string => `zyxquorb${n}`;
