// The five documents: file name, current schema version, schema, defaults and migrations.
import type { z } from 'zod';
import { progressMigrations, type Migration } from './migrations';
import {
  BOOKMARKS_VERSION,
  PROGRESS_VERSION,
  REVIEWS_VERSION,
  SETTINGS_VERSION,
  TOPICS_VERSION,
  bookmarksSchema,
  defaultBookmarks,
  defaultProgress,
  defaultReviews,
  defaultSettings,
  defaultTopics,
  progressSchema,
  reviewsSchema,
  settingsSchema,
  topicsSchema,
  type BookmarksDoc,
  type ProgressDoc,
  type ReviewDoc,
  type SettingsDoc,
  type TopicsDoc,
} from './schemas';

export interface VersionedDoc {
  schemaVersion: number;
}

export interface DocumentSpec<T extends VersionedDoc> {
  /** File name without `.json` (conf's `configName`, electron-store's `name`). */
  name: string;
  version: number;
  schema: z.ZodType<T>;
  defaults(): T;
  migrations: readonly Migration[];
}

export interface Documents {
  settings: SettingsDoc;
  progress: ProgressDoc;
  reviews: ReviewDoc;
  bookmarks: BookmarksDoc;
  topics: TopicsDoc;
}
export type DocumentName = keyof Documents;

export const DOCUMENTS: { [K in DocumentName]: DocumentSpec<Documents[K]> } = {
  settings: {
    name: 'settings',
    version: SETTINGS_VERSION,
    schema: settingsSchema,
    defaults: defaultSettings,
    migrations: [],
  },
  progress: {
    name: 'progress',
    version: PROGRESS_VERSION,
    schema: progressSchema,
    defaults: defaultProgress,
    migrations: progressMigrations,
  },
  reviews: {
    name: 'reviews',
    version: REVIEWS_VERSION,
    schema: reviewsSchema,
    defaults: defaultReviews,
    migrations: [],
  },
  bookmarks: {
    name: 'bookmarks',
    version: BOOKMARKS_VERSION,
    schema: bookmarksSchema,
    defaults: defaultBookmarks,
    migrations: [],
  },
  topics: { name: 'topics', version: TOPICS_VERSION, schema: topicsSchema, defaults: defaultTopics, migrations: [] },
};

export const DOCUMENT_NAMES = Object.keys(DOCUMENTS) as DocumentName[];
