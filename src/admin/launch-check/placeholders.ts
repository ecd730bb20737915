/**
 * Placeholders the example content uses, which must not reach residents on a live site: they
 * would phone, write to or trust details that reach nobody.
 *
 * Ofcom keeps telephone number ranges for TV, radio and drama that are never given to a line
 * ("Telephone numbers for use in TV and radio drama", ofcom.org.uk, Numbers for drama). The
 * example content uses them so nobody real is called; on a live site each is a dead number.
 * Spaces inside a number are ignored.
 */
const DRAMA_RANGES = [
  // Geographic: Leeds, Sheffield, Nottingham, Leicester, Bristol, Reading (01xx 496 0xxx)
  /^01(?:13|14|15|16|17|18)4960\d{3}$/,
  // Birmingham, Edinburgh, Glasgow, Liverpool, Manchester (01x1 496 0xxx)
  /^01(?:21|31|41|51|61)4960\d{3}$/,
  /^02079460\d{3}$/, // London 020 7946 0xxx
  /^01914980\d{3}$/, // Tyneside 0191 498 0xxx
  /^02896496\d{3}$/, // Northern Ireland 028 9649 6xxx
  /^02920180\d{3}$/, // Cardiff 029 2018 0xxx
  /^01632960\d{3}$/, // no area: 01632 960xxx
  /^07700900\d{3}$/, // mobile: 07700 900xxx
  /^08081570\d{3}$/, // freephone: 08081 570xxx
  /^09098790\d{3}$/, // premium rate: 0909 879 0xxx
  /^03069990\d{3}$/, // UK-wide: 03069 990xxx
];

/** Phone-number-like runs: a 0 then 9 or 10 more digits, with single spaces allowed between. */
const PHONE_LIKE = /\b0(?: ?\d){9,10}\b/g;

/** Each Ofcom drama number in `text`, as written. */
export function dramaNumbers(text: string): string[] {
  return [...text.matchAll(PHONE_LIKE)]
    .map((match) => match[0])
    .filter((number) => DRAMA_RANGES.some((range) => range.test(number.replace(/ /g, ''))));
}

/**
 * Addresses on the reserved .example domain (RFC 2606): an email to one never arrives, a link to
 * one never opens. Both emails (name@x.example) and web addresses (www.x.example).
 */
export function exampleAddresses(text: string): string[] {
  return [...text.matchAll(/[\w.+-]*@?[\w-]+(?:\.[\w-]+)*\.example\b/g)].map((match) => match[0]);
}

/**
 * Made-up companies the example content names as if they were real. The comms team replaces them
 * with the scheme's own suppliers, as its DPIA records them.
 */
export const FICTIONAL_PROCESSORS = ['Meridian Care Records'] as const;

export function fictionalProcessors(text: string): string[] {
  return FICTIONAL_PROCESSORS.filter((name) => text.includes(name));
}
