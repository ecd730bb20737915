import { randomUUID } from 'node:crypto';
import { nhsCheckDigit } from '../../src/domain/nhs-number.ts';

/** A valid NHS number for each n (numbers whose check digit would be 10 are skipped). */
export function nhsNumberFor(n: number): string {
  for (let candidate = 100_000_000 + ((n * 7919) % 800_000_000); ; candidate += 1) {
    const firstNine = String(candidate);
    const check = nhsCheckDigit(firstNine);
    if (check !== undefined && !/^(\d)\1{8}$/.test(firstNine)) return `${firstNine}${check}`;
  }
}

/** A complete, valid, distinct opt-out submission (JSON API shape, docs/api.md). */
export function optOutBody(n: number): Record<string, unknown> {
  return {
    idempotencyKey: randomUUID(),
    who: 'self',
    fullName: `Bench Person ${n}`,
    dateOfBirth: '1980-01-01',
    nhsNumber: nhsNumberFor(n),
    postcode: 'AW1 2BT',
    email: `bench${n}@example.com`,
    declaration: true,
  };
}
