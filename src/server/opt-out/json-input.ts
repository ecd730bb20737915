/**
 * API clients send JSON; the schema reads what a browser posts (flat strings, the date as three
 * boxes). This turns the documented JSON shape (docs/api.md) into that, without guessing: only
 * the conveniences listed there are applied.
 */
export interface JsonEvidence {
  fileName: string;
  bytes: Uint8Array;
}

export function jsonToFormFields(body: Record<string, unknown>): {
  fields: Record<string, string>;
  evidence: JsonEvidence | { error: string } | null;
} {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
    else if (typeof value === 'number') fields[name] = String(value);
    else if (value === true) fields[name] = 'yes';
    else if (value === false) fields[name] = '';
  }
  // "dateOfBirth": "1984-03-15" is the natural JSON form; the three boxes are also accepted.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fields['dateOfBirth'] ?? '');
  if (iso) {
    fields['dateOfBirthYear'] = iso[1] ?? '';
    fields['dateOfBirthMonth'] = iso[2] ?? '';
    fields['dateOfBirthDay'] = iso[3] ?? '';
  }
  delete fields['dateOfBirth'];
  // Sending an NHS number says it is known; leaving it out says it is not.
  if (fields['nhsNumberKnown'] === undefined) fields['nhsNumberKnown'] = fields['nhsNumber']?.trim() ? 'yes' : 'no';
  return { fields, evidence: readJsonEvidence(body['evidence']) };
}

function readJsonEvidence(value: unknown): JsonEvidence | { error: string } | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return { error: 'evidence must be an object with fileName and contentBase64' };
  const { fileName, contentBase64 } = value as Record<string, unknown>;
  if (typeof fileName !== 'string' || typeof contentBase64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(contentBase64)) {
    return { error: 'evidence must be an object with fileName and contentBase64' };
  }
  return { fileName, bytes: new Uint8Array(Buffer.from(contentBase64, 'base64')) };
}
