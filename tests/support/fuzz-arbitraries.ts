import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { nhsCheckDigit } from '../../src/domain/nhs-number.ts';
import { decryptJson, type Keyring } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import type { FunctionContext } from '../../src/server/http/function-module.ts';
import { jsonToFormFields } from '../../src/server/opt-out/json-input.ts';

/**
 * Shared generators for fuzzing the public endpoints (tests/integration/fuzz-public-endpoints.test.ts,
 * bench/fuzz.ts): valid, near-valid and hostile requests, and the checks every answer must pass.
 */

/** A request as data, so the same case can be built again (a Request body can be read once). */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export type Handler = (request: Request, context?: FunctionContext) => Promise<Response>;

export function toRequest(spec: RequestSpec): Request {
  return new Request(`http://local${spec.path}`, {
    method: spec.method,
    headers: spec.headers,
    ...(spec.body ? { body: spec.body as Uint8Array<ArrayBuffer> } : {}),
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
};

/** A valid NHS number near n. */
function nhsNumber(n: number): string {
  for (let candidate = 100_000_000 + ((n * 7919) % 800_000_000); ; candidate += 1) {
    const firstNine = String(candidate);
    const check = nhsCheckDigit(firstNine);
    if (check !== undefined && !/^(\d)\1{8}$/.test(firstNine)) return `${firstNine}${check}`;
  }
}

// ---- values ---------------------------------------------------------------------------------

const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '</textarea>'];
const SQL = ["' OR '1'='1", "'; DROP TABLE opt_out_requests; --", '1; select pg_sleep(1)', '$1', "\\'", '%00'];
const CONTROL = ['\u0000', '\u0007', '\u001b[31m', '\r\n', '\u2028', '\u202e', '\ufeff', '\ud800'];

/** One hostile value: wrong types, nesting, control characters, script, SQL, very long text. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...SCRIPT, ...SQL, ...CONTROL),
  fc
    .tuple(fc.constantFrom(...CONTROL, ...SCRIPT, ...SQL), fc.string({ maxLength: 10 }))
    .map(([a, b]) => `${b}${a}${b}`),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => {
    let v: unknown = 'deep';
    for (let i = 0; i < depth; i += 1) v = { a: v };
    return v;
  }),
);

/** Takes a valid body and changes some of it: a field hostile, a field missing, a field unknown. */
function mutated(
  valid: fc.Arbitrary<Record<string, unknown>>,
  keys: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'website', 'unknownField') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const change = fc.tuple(key, fc.option(hostileValue, { freq: 4 }));
  return fc.tuple(valid, fc.array(change, { maxLength: 4 })).map(([body, changes]) => {
    const out: Record<string, unknown> = { ...body };
    for (const [name, value] of changes) {
      if (value === null) delete out[name];
      else Object.defineProperty(out, name, { value, enumerable: true, configurable: true, writable: true });
    }
    return out;
  });
}

// ---- bodies ---------------------------------------------------------------------------------

const flat = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? String(value));

export interface FilePart {
  name: string;
  fileName: string;
  type: string;
  bytes: Uint8Array;
}

function multipart(fields: Record<string, unknown>, files: FilePart[], boundary: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(utf8(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${flat(value)}\r\n`));
  }
  for (const file of files) {
    parts.push(
      utf8(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      utf8('\r\n'),
    );
  }
  parts.push(utf8(`--${boundary}--\r\n`));
  return concat(...parts);
}

const PDF = utf8('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const EXE = utf8('MZ\u0090\u0000 this program cannot be run in DOS mode');
let oversized: Uint8Array | undefined;
/** An upload just over the 11 MB body limit (built once, shared). */
const oversizedBytes = () => {
  oversized ??= concat(PDF, new Uint8Array(11 * 1024 * 1024));
  return oversized;
};

/**
 * Evidence uploads: real small files, files whose bytes contradict their name or type, and (while
 * HUGE_BODIES is on) one just over the body limit. A function, so the switch is read when an
 * endpoint's generator is built.
 */
const evidenceFile = (): fc.Arbitrary<FilePart> =>
  fc
    .tuple(
      fc.constantFrom(
        'letter.pdf',
        'photo.jpg',
        'scan.png',
        'evil.exe',
        'letter.pdf.exe',
        '../../etc/passwd',
        '<script>.pdf',
        '',
        'a'.repeat(400),
      ),
      fc.oneof(
        fc.constantFrom(PDF, PNG, JPEG, EXE, new Uint8Array(0)),
        fc.uint8Array({ maxLength: 2000 }),
        ...(HUGE_BODIES.enabled ? [fc.constant('oversized' as const)] : []),
      ),
      fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'text/html', 'application/octet-stream'),
    )
    .map(([fileName, bytes, type]) => ({
      name: 'evidence',
      fileName,
      type,
      bytes: bytes === 'oversized' ? oversizedBytes() : bytes,
    }));

/** How a body is sent: as intended, or with the wrong type, broken bytes, cut short or too deep. */
function encodings(
  fields: fc.Arbitrary<Record<string, unknown>>,
  files: fc.Arbitrary<FilePart[]>,
  /** The same answers under a web form's field names, where they differ from the JSON ones. */
  asForm: (json: Record<string, unknown>) => Record<string, unknown> = (json) => json,
): fc.Arbitrary<{ headers: Record<string, string>; body: Uint8Array }> {
  const json = fields.map((f) => ({ headers: { 'content-type': 'application/json' }, body: utf8(JSON.stringify(f)) }));
  const formFields = fields.map(asForm);
  const urlencoded = formFields.map((f) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: utf8(new URLSearchParams(Object.entries(f).map(([k, v]) => [k, flat(v)])).toString()),
  }));
  const form = fc
    .tuple(formFields, files, fc.constantFrom('b0undary', 'x'.repeat(70), '----WebKitFormBoundary7MA4YWxk'))
    .map(([f, fs, boundary]) => ({
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: multipart(f, fs, boundary),
    }));
  const truncated = fc
    .tuple(fc.oneof(json, urlencoded, form), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([e, at]) => ({ ...e, body: e.body.slice(0, Math.floor(e.body.byteLength * at)) }));
  const invalidUtf8 = fc
    .tuple(fc.oneof(json, urlencoded, form), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat())
    .map(([e, junk, at]) => {
      const bad = junk.map((b) => 0x80 | b); // continuation bytes with no lead byte
      const cut = at % (e.body.byteLength + 1);
      return { ...e, body: concat(e.body.slice(0, cut), bad, e.body.slice(cut)) };
    });
  const wrongType = fc
    .tuple(
      json,
      fc.constantFrom(
        'text/plain',
        'application/xml',
        'multipart/form-data',
        'application/json; charset=utf-16',
        '',
        'APPLICATION/JSON',
        'application/x-www-form-urlencoded',
      ),
    )
    .map(([e, type]) => ({ headers: type ? { 'content-type': type } : {}, body: e.body }));
  const deep = fc.tuple(fc.integer({ min: 1000, max: 200_000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => ({
    headers: { 'content-type': 'application/json' },
    body: utf8(`{"x":${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)}}`),
  }));
  const huge = fc.constantFrom('application/json', 'application/x-www-form-urlencoded').map((type) => ({
    headers: { 'content-type': type },
    body: oversizedBytes(),
  }));
  const lyingLength = json.map((e) => ({ ...e, headers: { ...e.headers, 'content-length': String(1e12) } }));
  return fc.oneof(
    { weight: 6, arbitrary: json },
    { weight: 3, arbitrary: urlencoded },
    { weight: 3, arbitrary: form },
    { weight: 1, arbitrary: truncated },
    { weight: 1, arbitrary: invalidUtf8 },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: lyingLength },
    // An arbitrary that always filters out would make fast-check retry for ever: leave it out instead.
    ...(HUGE_BODIES.enabled ? [{ weight: 1, arbitrary: huge }] : []),
  );
}

/** Sending 11 MB bodies is slow; the bench and the test can turn them down. */
export const HUGE_BODIES = { enabled: true };

const post = (path: string, e: { headers: Record<string, string>; body: Uint8Array }, extra = {}): RequestSpec => ({
  method: 'POST',
  path,
  headers: { ...e.headers, ...extra },
  body: e.body,
});

// ---- endpoints ------------------------------------------------------------------------------

const dateOfBirth = fc.constantFrom('1980-01-01', '2001-12-31', '1930-02-28', '1984-02-30', '2999-01-01', '01/01/1980');
const validOptOut = fc
  .tuple(fc.nat({ max: 1_000_000 }), dateOfBirth, fc.constantFrom('self', 'child', 'other', 'lpa'))
  .map(([n, dob, who]) => ({
    idempotencyKey: randomUUID(),
    who,
    fullName: `Fuzz Person ${n}`,
    dateOfBirth: dob,
    nhsNumber: nhsNumber(n),
    postcode: 'AW1 2BT',
    email: `fuzz${n}@example.com`,
    declaration: true,
  }));
const OPT_OUT_KEYS = [
  'who',
  'fullName',
  'dateOfBirth',
  'dateOfBirthDay',
  'nhsNumber',
  'nhsNumberKnown',
  'postcode',
  'email',
  'declaration',
  'evidence',
  'idempotencyKey',
  'resume',
];
const optOutFields = fc.oneof(validOptOut, mutated(validOptOut, OPT_OUT_KEYS));
const noFiles = fc.constant<FilePart[]>([]);
/** A JSON opt-out under the web form's names (date of birth in three boxes, yes for true), keeping what is not a string. */
const optOutFormFields = (body: Record<string, unknown>): Record<string, unknown> => {
  const { fields } = jsonToFormFields(body);
  const kept = Object.fromEntries(
    Object.entries(body).filter(([, v]) => typeof v !== 'string' && typeof v !== 'boolean'),
  );
  return { ...kept, ...fields };
};

/** A hostile cookie header for the draft cookie (or none, or a real-looking one). */
const cookieFor = (fixture: Fixture) =>
  fc.option(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(fixture.draftCookie) },
      { weight: 1, arbitrary: fc.string().map((s) => `__Host-optout_draft=${uriEncode(s)}`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          `__Host-optout_draft=${'A'.repeat(43)}`,
          '__Host-optout_draft=;;;',
          '__Host-optout_draft=%00',
          'a=b; __Host-optout_draft=x',
        ),
      },
    ),
    { nil: undefined },
  );
/** encodeURIComponent, except that a lone surrogate becomes the bytes of one (invalid UTF-8 in the URL). */
const uriEncode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `%ED%A0%80${encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))}`;
  }
};
const withCookie = (c: string | undefined) => (c === undefined ? {} : { cookie: c });

/** Status look-ups: the stored opt-out's own reference and date of birth, or made-up ones, then changed. */
const statusFieldsFor = (fixture: Fixture) =>
  mutated(
    fc.oneof(
      fc.constant({
        reference: fixture.reference,
        dateOfBirthDay: fixture.dateOfBirth.day,
        dateOfBirthMonth: fixture.dateOfBirth.month,
        dateOfBirthYear: fixture.dateOfBirth.year,
      }),
      fc.tuple(fc.stringMatching(/^[A-Z2-9]{8}$/), dateOfBirth).map(([reference, dob]) => {
        const [year = '', month = '', day = ''] = dob.split('-');
        return { reference, dateOfBirthDay: day, dateOfBirthMonth: month, dateOfBirthYear: year };
      }),
    ),
    ['reference', 'dateOfBirth', 'dateOfBirthDay', 'dateOfBirthMonth', 'dateOfBirthYear'],
  );

const validFeedback = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('question', 'compliment', 'complaint', 'suggestion'),
      fc.string({ minLength: 1, maxLength: 200 }),
    )
    .map(([type, message]) => ({ type, message, replyBy: 'none', idempotencyKey: randomUUID() })),
  fc.tuple(fc.constantFrom('question', 'complaint'), fc.nat()).map(([type, n]) => ({
    type,
    message: 'Please reply',
    replyBy: 'email',
    name: `F ${n}`,
    email: `f${n}@example.com`,
  })),
  fc
    .tuple(
      fc.constantFrom('/', '/what-is-it/', '/opt-out/', '/NOT-A-PATH/', '/a?b=c'),
      fc.constantFrom('yes', 'no', 'maybe'),
    )
    .map(([path, helpful]) => ({ kind: 'page-helpful', path, helpful })),
  fc
    .tuple(fc.string({ maxLength: 220 }), fc.string({ maxLength: 1100 }))
    .map(([followUp, comment]) => ({ kind: 'page-helpful-comment', path: '/', helpful: 'yes', followUp, comment })),
);
const FEEDBACK_KEYS = [
  'kind',
  'type',
  'message',
  'replyBy',
  'name',
  'email',
  'phone',
  'path',
  'helpful',
  'followUp',
  'comment',
];

const token = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
  fc.constantFrom(...SCRIPT, ...SQL, ...CONTROL, 'A'.repeat(100_000), '%', '%ZZ', '&token=', '..%2f..%2f', '%FF%FE'),
);

/**
 * Calls the handler as if a minute had passed since the last call, so the report endpoint's
 * per-instance limit (60 a minute, read from Date.now before its first await) never answers
 * 429 unread and every body reaches the parser. The clock is put back before the handler's
 * first await, so nothing else sees it.
 */
function minuteApart(handler: Handler): Handler {
  const realNow = Date.now;
  let ahead = 0;
  return (request, context) => {
    ahead += 60_000;
    const now = realNow() + ahead;
    Date.now = () => now;
    try {
      return handler(request, context);
    } finally {
      Date.now = realNow;
    }
  };
}

/** Staff addresses a visitor who has not signed in might try (real routes and near misses). */
const STAFF_PATHS = [
  '/staff',
  '/staff/',
  '/staff/feedback',
  '/staff/feedback/AB2CD3EF',
  '/staff/opt-outs',
  '/staff/opt-outs/export.csv',
  '/staff/accounts',
  '/staff/audit',
  '/staff/reports',
  '/staff/subject-access',
  '/staff/mail',
  '/staff/sign-out',
  '/staff/set-up',
  '/api/staff/feedback',
  '/api/staff/reports',
  '/staff/../admin/',
];

export interface Endpoint {
  name: string;
  handler: Handler;
  /** Requests to send (from the caller's fixture: a real staff form cookie and token). */
  requests: (fixture: Fixture) => fc.Arbitrary<RequestSpec>;
  /**
   * Only browsers call it, never a person (CSP reports): its answers carry no words to judge,
   * so only "no 5xx" and "nothing stored" apply.
   */
  machineOnly?: boolean;
}

/** What some generators need from a live store: a staff sign-in form's cookie and CSRF token. */
export interface Fixture {
  staffFormCookie: string;
  staffCsrf: string;
  /** A real "check your answers" draft cookie, so the submit and check pages can be reached. */
  draftCookie: string;
  /** A stored opt-out and its date of birth, so status and withdraw can find it. */
  reference: string;
  dateOfBirth: { day: string; month: string; year: string };
  /** A real confirm-contact link token from that opt-out's email. */
  confirmToken: string;
}

export function endpoints(handlers: {
  optOut: Handler;
  optOutSubmit: Handler;
  optOutCheck: Handler;
  optOutStatus: Handler;
  optOutWithdraw: Handler;
  optOutConfirm: Handler;
  feedback: Handler;
  staff: Handler;
  cspReport: Handler;
  health: Handler;
  transparency: Handler;
}): Endpoint[] {
  return [
    {
      name: 'POST /api/opt-out',
      handler: handlers.optOut,
      requests: (fixture) =>
        fc
          .tuple(
            encodings(optOutFields, fc.array(evidenceFile(), { maxLength: 2 }), optOutFormFields),
            cookieFor(fixture),
          )
          .map(([e, c]) => post('/api/opt-out', e, withCookie(c))),
    },
    {
      name: 'GET /api/opt-out/check',
      handler: handlers.optOutCheck,
      requests: (fixture) =>
        fc.tuple(fc.constantFrom('/api/opt-out/check', '/api/opt-out/change'), cookieFor(fixture)).map(([path, c]) => ({
          method: 'GET' as const,
          path,
          headers: withCookie(c),
        })),
    },
    {
      name: 'POST /api/opt-out/submit',
      handler: handlers.optOutSubmit,
      requests: (fixture) =>
        fc
          .tuple(
            encodings(
              mutated(fc.constant({ declaration: 'yes', idempotencyKey: randomUUID() }), [
                'declaration',
                'idempotencyKey',
                'website',
              ]),
              noFiles,
            ),
            cookieFor(fixture),
          )
          .map(([e, c]) => post('/api/opt-out/submit', e, withCookie(c))),
    },
    {
      name: 'POST /api/opt-out/status',
      handler: handlers.optOutStatus,
      requests: (fixture) => encodings(statusFieldsFor(fixture), noFiles).map((e) => post('/api/opt-out/status', e)),
    },
    {
      name: 'POST /api/opt-out/withdraw',
      handler: handlers.optOutWithdraw,
      requests: (fixture) => encodings(statusFieldsFor(fixture), noFiles).map((e) => post('/api/opt-out/withdraw', e)),
    },
    {
      name: 'GET /api/opt-out/confirm',
      handler: handlers.optOutConfirm,
      requests: (fixture) => {
        const tokens = fc.oneof(fc.constant(fixture.confirmToken), token);
        return fc.oneof(
          fc
            .tuple(fc.constantFrom('/api/opt-out/confirm', '/api/opt-out/withdraw/confirm'), tokens)
            .map(([path, t]) => ({ method: 'GET' as const, path: `${path}?token=${uriEncode(t)}`, headers: {} })),
          fc
            .tuple(
              fc.constantFrom('/api/opt-out/confirm', '/api/opt-out/withdraw/confirm'),
              fc.string({ maxLength: 60 }),
            )
            .map(([path, raw]) => ({
              method: 'GET' as const,
              path: `${path}?${raw.replace(/[#\s]/g, '')}`,
              headers: {},
            })),
          fc
            .tuple(
              fc.constantFrom('/api/opt-out/confirm', '/api/opt-out/withdraw/confirm'),
              encodings(
                tokens.map((t) => ({ token: t })),
                noFiles,
              ),
            )
            .map(([path, e]) => post(path, e)),
        );
      },
    },
    {
      name: 'POST /api/feedback',
      handler: handlers.feedback,
      requests: () =>
        fc
          .tuple(
            encodings(
              fc.oneof(validFeedback, mutated(validFeedback, FEEDBACK_KEYS)),
              fc.array(evidenceFile(), { maxLength: 1 }),
            ),
            fc.constantFrom(undefined, 'application/json', 'text/html'),
          )
          .map(([e, accept]) => post('/api/feedback', e, accept ? { accept } : {})),
    },
    {
      name: 'POST /staff/sign-in',
      handler: handlers.staff,
      requests: (fixture) =>
        fc
          .tuple(
            encodings(
              mutated(
                fc.constant({
                  csrfToken: fixture.staffCsrf,
                  email: 'officer@example.nhs.uk',
                  password: 'a long passphrase',
                }),
                ['csrfToken', 'email', 'password'],
              ),
              noFiles,
            ),
            fc.constantFrom(fixture.staffFormCookie, undefined, 'staff_form=AAAA', 'staff_session=%00'),
          )
          .map(([e, c]) => post('/staff/sign-in', e, c ? { cookie: c } : {})),
    },
    {
      name: 'POST /staff/set-up and /staff/sign-in/code',
      handler: handlers.staff,
      requests: (fixture) =>
        fc
          .tuple(
            fc.constantFrom('/staff/set-up', '/staff/sign-in/code', '/staff/set-up/authenticator'),
            encodings(
              mutated(
                fc.constant({
                  csrfToken: fixture.staffCsrf,
                  token: 'A'.repeat(43),
                  password: 'a long passphrase',
                  code: '123456',
                }),
                ['csrfToken', 'token', 'password', 'code', 'recoveryCode'],
              ),
              noFiles,
            ),
            fc.constantFrom(fixture.staffFormCookie, undefined, 'staff_form=AAAA'),
          )
          .map(([path, e, c]) => post(path, e, c ? { cookie: c } : {})),
    },
    {
      name: 'Any staff address without signing in',
      handler: handlers.staff,
      requests: (fixture) =>
        fc
          .tuple(
            fc.constantFrom('GET', 'POST'),
            fc.oneof(
              fc.constantFrom(...STAFF_PATHS),
              fc.tuple(fc.constantFrom(...STAFF_PATHS), token).map(([path, t]) => `${path}/${uriEncode(t)}`),
              fc
                .tuple(fc.constantFrom('/staff/', '/api/staff/'), fc.string({ maxLength: 40 }))
                .map(([p, t]) => p + uriEncode(t)),
            ),
            fc.option(
              token.map((t) => `?token=${uriEncode(t)}&from=${uriEncode(t)}`),
              { nil: '' },
            ),
            fc.constantFrom(
              fixture.staffFormCookie,
              undefined,
              'staff_session=AAAA',
              'staff_session=%00; staff_form=;',
            ),
            fc.constantFrom(undefined, 'application/json', 'text/html'),
          )
          .map(([method, path, query, c, accept]) => ({
            method: method as 'GET' | 'POST',
            path: `${path}${query}`,
            headers: { ...(c ? { cookie: c } : {}), ...(accept ? { accept } : {}) },
            ...(method === 'POST' ? { body: utf8(`csrfToken=${fixture.staffCsrf}&status=closed`) } : {}),
          })),
    },
    {
      name: 'POST /api/csp-report',
      handler: minuteApart(handlers.cspReport),
      machineOnly: true,
      requests: () =>
        encodings(
          fc.oneof(
            fc
              .record({
                'effective-directive': hostileValue,
                'blocked-uri': hostileValue,
                'document-uri': hostileValue,
              })
              .map((report) => ({ 'csp-report': report })),
            mutated(
              fc.constant({ 'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } }),
              ['csp-report', 'type', 'body'],
            ),
          ),
          noFiles,
        ).map((e) => post('/api/csp-report', e)),
    },
    {
      name: 'GET /api/health and /transparency/',
      handler: async (request, context) =>
        new URL(request.url).pathname.startsWith('/api/health')
          ? handlers.health(request, context)
          : handlers.transparency(request, context),
      requests: () =>
        fc
          .tuple(
            fc.constantFrom('/api/health', '/transparency/', '/transparency'),
            fc.option(token, { nil: undefined }),
          )
          .map(([path, t]) => ({
            method: 'GET' as const,
            path: t === undefined ? path : `${path}?from=${uriEncode(t)}&to=${uriEncode(t)}`,
            headers: {},
          })),
    },
  ];
}

// ---- checks ---------------------------------------------------------------------------------

/**
 * Tables whose rows a rejected request must not touch (rate-limit counters and the staff audit
 * log excepted: recording a refused attempt is their job).
 */
const WATCHED_TABLES = [
  'opt_out_requests',
  'opt_out_tokens',
  'opt_out_drafts',
  'opt_out_evidence',
  'opt_out_events',
  'feedback_items',
  'page_feedback',
  'outbox_messages',
  'feedback_notes',
  'staff_users',
  'staff_sessions',
  'staff_setup_tokens',
  'staff_recovery_codes',
];

/**
 * Counts every row inserted, updated or deleted in the watched tables, with row-level triggers in
 * the database itself, so "nothing stored for a rejected request" is one cheap read per request
 * (counting the rows of every table twice per request slowed the long run as the tables grew) and
 * covers changes to existing rows too. Test stores only.
 */
export async function installChangeCounter(store: Store): Promise<() => Promise<number>> {
  for (const statement of [
    'create table if not exists fuzz_changes (n bigint not null)',
    'insert into fuzz_changes select 0 where not exists (select 1 from fuzz_changes)',
    `create or replace function fuzz_count_change() returns trigger language plpgsql as $$
      begin update fuzz_changes set n = n + 1; return null; end $$`,
  ]) {
    await store.db.execute(sql.raw(statement));
  }
  const existing = await rowsOf(
    await store.db.execute(
      sql.raw(`select table_name from information_schema.tables where table_schema = current_schema()`),
    ),
  );
  const names = new Set(existing.map((row) => String((row as { table_name: unknown }).table_name)));
  const missing = WATCHED_TABLES.filter((table) => !names.has(table));
  if (missing.length > 0) throw new Error(`Watched tables missing from the schema: ${missing.join(', ')}`);
  for (const table of WATCHED_TABLES) {
    await store.db.execute(
      sql.raw(`create or replace trigger fuzz_count_${table} after insert or update or delete on ${table}
        for each row execute function fuzz_count_change()`),
    );
  }
  return async () => {
    const [row] = await rowsOf(await store.db.execute(sql.raw('select n from fuzz_changes')));
    return Number((row as { n: unknown }).n);
  };
}

/** Rows from a drizzle execute() answer on PGlite ({ rows }) or postgres.js (an array). */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}

export interface Verdict {
  status: number;
  /** A 5xx (or the handler threw). */
  serverError: boolean;
  /** A 4xx that does not say which field and what to do. */
  unclear?: string;
}

/**
 * Checks one answer. JSON 4xx: {"errors":[{field, message}]} with a plain, non-empty message
 * and a field that is named (null only for a problem with the whole request). HTML 4xx: an
 * error summary or a page with a heading.
 */
/** Library defaults (zod's "Too big: expected string…", "Invalid input") and stack traces are not plain words. */
const NOT_PLAIN = /[<>{}]|Error|undefined|\bat \w|^Invalid|expected|received|Too (big|small)/;

export async function judge(response: Response): Promise<Verdict> {
  const status = response.status;
  const verdict: Verdict = { status, serverError: status >= 500 };
  if (status < 400 || status >= 500) {
    await response.body?.cancel();
    return verdict;
  }
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ...verdict, unclear: 'JSON error answer is not JSON' };
    }
    const errors = (body as { errors?: unknown }).errors;
    if (!Array.isArray(errors) || errors.length === 0)
      return { ...verdict, unclear: `no errors list: ${text.slice(0, 200)}` };
    for (const error of errors as { field?: unknown; message?: unknown }[]) {
      if (
        !(typeof error.field === 'string' || error.field === null) ||
        (status === 422 && typeof error.field !== 'string')
      )
        return { ...verdict, unclear: `error without a field: ${JSON.stringify(error)}` };
      if (typeof error.message !== 'string' || !error.message.trim() || NOT_PLAIN.test(error.message))
        return { ...verdict, unclear: `message not plain: ${JSON.stringify(error)}` };
    }
    return verdict;
  }
  if (type.includes('text/html')) {
    if (/error-summary/.test(text)) return verdict;
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/
      .exec(text)?.[1]
      ?.replace(/<[^>]+>/g, '')
      .trim();
    if (heading) return verdict;
    return { ...verdict, unclear: `HTML answer without an error summary or heading: ${text.slice(0, 200)}` };
  }
  return { ...verdict, unclear: `4xx with content type "${type}": ${text.slice(0, 200)}` };
}

/** A fixed set of client addresses, so rate-limit rows stay few. */
export const clientIp = fc.constantFrom('192.0.2.1', '192.0.2.2', '198.51.100.7', '2001:db8::1', 'unknown');

/**
 * Real state for the generators to mix in, made through the handlers themselves: the staff
 * sign-in form's cookie and CSRF token, an opt-out draft cookie, a stored opt-out with its date of
 * birth, and the confirm token from its email (read from the outbox with the services' keys).
 */
export async function makeFixture(
  handlers: { staff: Handler; optOut: Handler },
  services: { store: Store; keyring: Keyring },
): Promise<Fixture> {
  const context = { params: {}, ip: '192.0.2.1' };
  const page = await handlers.staff(new Request('http://local/staff/sign-in'), context);
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = /name="csrfToken" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf || !cookies.length) throw new Error('No sign-in form cookie or CSRF field');

  const person = { ...FIXTURE_PERSON, idempotencyKey: randomUUID() };
  const form = await handlers.optOut(
    new Request('http://local/api/opt-out', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(jsonToFormFields(person).fields).toString(),
    }),
    context,
  );
  const draftCookie = form.headers
    .getSetCookie()
    .find((c) => c.startsWith('__Host-optout_draft='))
    ?.split(';')[0];
  if (!draftCookie) throw new Error(`No draft cookie from a valid opt-out form (status ${form.status})`);

  const saved = await handlers.optOut(
    new Request('http://local/api/opt-out', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(person),
    }),
    context,
  );
  const { reference } = (await saved.json()) as { reference?: string };
  if (!reference) throw new Error(`No reference for a valid opt-out (status ${saved.status})`);
  const rows = await rowsOf(
    await services.store.db.execute(
      sql`select params_encrypted from outbox_messages where dedupe_key = ${`opt-out:${reference}:received`}`,
    ),
  );
  const params = decryptJson(
    services.keyring,
    String((rows[0] as { params_encrypted: unknown }).params_encrypted),
    slotOf(outboxMessages.paramsEncrypted, `opt-out:${reference}:received`),
  );
  const confirmToken = (params as { token?: unknown }).token;
  if (typeof confirmToken !== 'string') throw new Error('No confirm token in the opt-out email');
  const [year = '', month = '', day = ''] = person.dateOfBirth.split('-');
  return {
    staffFormCookie: cookies.join('; '),
    staffCsrf: csrf,
    draftCookie,
    reference,
    dateOfBirth: { day, month, year },
    confirmToken,
  };
}

const FIXTURE_PERSON = {
  who: 'self',
  fullName: 'Fixture Person',
  dateOfBirth: '1980-01-01',
  nhsNumber: '4857773457',
  postcode: 'AW1 2BT',
  email: 'fixture@example.com',
  declaration: true,
};

/** Keeps the handlers' one-line JSON logs out of the output while fuzzing (thousands of lines). */
export function quietLogs(): () => void {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const filter =
    (write: typeof out) =>
    (chunk: unknown, ...rest: unknown[]): boolean =>
      typeof chunk === 'string' && chunk.startsWith('{"time":')
        ? true
        : (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  process.stdout.write = filter(out) as typeof process.stdout.write;
  process.stderr.write = filter(err) as typeof process.stderr.write;
  return () => {
    process.stdout.write = out;
    process.stderr.write = err;
  };
}

export interface Tally {
  endpoint: string;
  tried: number;
  serverErrors: number;
  unclear: number;
  storedWhenRejected: number;
  statuses: Record<number, number>;
  seconds: number;
  /** The first few problems, with the request that caused them. */
  examples: string[];
}

const describeSpec = (spec: RequestSpec) =>
  `${spec.method} ${spec.path.slice(0, 120)} ${JSON.stringify(spec.headers).slice(0, 200)} body ${spec.body?.byteLength ?? 0} bytes: ${new TextDecoder().decode(spec.body?.slice(0, 300) ?? new Uint8Array())}`;

/**
 * Sends numRuns generated requests to one endpoint, one at a time, counting rows before and after
 * each, and tallies every answer. Never throws on a finding: the caller decides.
 */
export async function fuzzEndpoint(
  endpoint: Endpoint,
  store: Store,
  fixture: Fixture,
  options: { numRuns: number; seed?: number },
): Promise<Tally> {
  const tally: Tally = {
    endpoint: endpoint.name,
    tried: 0,
    serverErrors: 0,
    unclear: 0,
    storedWhenRejected: 0,
    statuses: {},
    seconds: 0,
    examples: [],
  };
  const note = (problem: string, spec: RequestSpec) => {
    if (tally.examples.length < 5) tally.examples.push(`${problem} ← ${describeSpec(spec)}`);
  };
  const changes = await installChangeCounter(store);
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(endpoint.requests(fixture), clientIp, async (spec, ip) => {
      const before = await changes();
      let verdict: Verdict;
      try {
        verdict = await judge(await endpoint.handler(toRequest(spec), { params: {}, ip }));
      } catch (error) {
        verdict = { status: 500, serverError: true, unclear: `threw ${String(error).slice(0, 200)}` };
      }
      tally.tried += 1;
      tally.statuses[verdict.status] = (tally.statuses[verdict.status] ?? 0) + 1;
      if (verdict.serverError) {
        tally.serverErrors += 1;
        note(`${verdict.status} ${verdict.unclear ?? ''}`, spec);
      } else if (verdict.unclear && !endpoint.machineOnly) {
        tally.unclear += 1;
        note(`${verdict.status} ${verdict.unclear}`, spec);
      }
      if (verdict.status >= 400) {
        const after = await changes();
        if (after !== before) {
          tally.storedWhenRejected += 1;
          note(`${verdict.status} changed ${after - before} rows`, spec);
        }
      }
    }),
    { numRuns: options.numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }), endOnFailure: true },
  );
  tally.seconds = (performance.now() - started) / 1000;
  return tally;
}
