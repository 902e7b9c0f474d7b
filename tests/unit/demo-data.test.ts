import { expect, it } from 'vitest'
import { checkDemoData } from '../../src/demo/data/index.js'

it('the demo data holds every fact of the seed report (counts, unique codes and usernames, limits, stand-ins)', () => {
  expect(checkDemoData()).toEqual([])
})
