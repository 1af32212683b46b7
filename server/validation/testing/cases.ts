// The shape of the checks' table tests: each check gets a valid world (no finding) and an invalid
// one (a finding on `expect`). Test-only.
import type { Check } from '../types';
import type { World } from './objects';

export interface CheckCase {
  check: Check;
  /** What the invalid world gets wrong. */
  title: string;
  valid: World;
  invalid: World;
  expect: { kind: string; name: string; path?: string; cluster?: string };
}
