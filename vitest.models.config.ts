import { defineConfig } from 'vitest/config';

// `npm run test:models`: the integration suite with the real downloaded weights (MiniLM now,
// Whisper later). Run it wherever `npm run models` installed them; it fails, not skips, without.
export default defineConfig({
  test: {
    include: ['tests/models/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
