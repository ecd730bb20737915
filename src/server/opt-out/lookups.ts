import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { NhsNumber } from '../../domain/nhs-number.ts';
import type { Reference } from '../../domain/reference.ts';
import { type Keyring, lookupHmac } from '../crypto/field-crypto.ts';

/**
 * Keyed hashes that let the service find rows without decrypting them. Each is prefixed with
 * its purpose, so the same value hashed for two purposes gives two unrelated results.
 */
export const nhsNumberLookup = (keyring: Keyring, nhsNumber: NhsNumber) => lookupHmac(keyring, `nhs:${nhsNumber}`);

/** Reference + date of birth: what a person must know to see or change a request. */
export const statusLookup = (keyring: Keyring, reference: Reference, dateOfBirth: CalendarDate) =>
  lookupHmac(keyring, `opt-out-status:${reference}:${dateOfBirth}`);
