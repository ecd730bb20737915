/**
 * Evidence a proxy may upload (a lasting power of attorney, a court order, a birth certificate).
 * The type is read from the file's first bytes, never from its name or the browser's claim: a
 * renamed executable must not be stored as "a PDF", and staff will open these files.
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';

const SIGNATURES: readonly { type: EvidenceType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The file's real type from its magic number, or undefined if it is none of PDF, JPEG or PNG. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | undefined {
  return SIGNATURES.find(({ bytes: signature }) => signature.every((byte, index) => bytes[index] === byte))?.type;
}

export type EvidenceProblem = 'too-large' | 'wrong-type' | 'empty';

/** Checks an uploaded file; the messages are the GOV.UK file upload pattern's. */
export function checkEvidence(
  bytes: Uint8Array,
): { ok: true; type: EvidenceType } | { ok: false; problem: EvidenceProblem } {
  if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
  if (bytes.byteLength > EVIDENCE_MAX_BYTES) return { ok: false, problem: 'too-large' };
  const type = sniffEvidenceType(bytes);
  return type ? { ok: true, type } : { ok: false, problem: 'wrong-type' };
}
