// Browser tests: real pages in the system Chromium against the real server (see tests/browser/helpers.ts).
// Run `npm run build:web` first; the helpers build once when web/dist is missing.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
})
