/**
 * Pure helpers for the partner toolkit: filling the comms team's {placeholders} from the settings,
 * checking the text message fits one SMS, and reusing an Easy Read page's points.
 */

export interface FillValues {
  scheme: string;
  area: string;
  /** The site's public address, e.g. https://ashbywyre-record.example/ */
  link: string;
  phone: string;
}

/** Fills {scheme}, {area}, {link} and {phone}. An unknown {name} is an error, not printed as it is. */
export function fillText(template: string, values: FillValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) {
      throw new Error(
        `Toolkit text has ${whole}, which the build cannot fill in: use {scheme}, {area}, {link} or {phone}`,
      );
    }
    return values[name as keyof FillValues];
  });
}

/**
 * The GSM 03.38 basic alphabet. One character outside it (a curly quote, an accent) sends the
 * whole message as UCS-2, where one SMS holds 70 characters, not 160; phones then split and
 * networks charge it as three.
 */
const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters that are in GSM-7 but count as two (an escape, then the character). */
const GSM7_EXTENDED = '^{}\\[~]|€\f';

/** How many GSM-7 units a text takes, or null when it cannot be sent as GSM-7 at all. */
export function smsUnits(text: string): number | null {
  let units = 0;
  for (const char of text) {
    if (GSM7.includes(char)) units += 1;
    else if (GSM7_EXTENDED.includes(char)) units += 2;
    else return null;
  }
  return units;
}

/** The most a single SMS holds in GSM-7. */
export const SMS_LIMIT = 160;

/** Throws, stopping the build, when the filled text message would not go as one SMS. */
export function checkTextMessage(text: string): string {
  const units = smsUnits(text);
  if (units === null) {
    throw new Error(`The toolkit text message has a character phones cannot send in a 160-character text: ${text}`);
  }
  if (units > SMS_LIMIT) {
    throw new Error(`The toolkit text message is ${units} characters with the link; it must be ${SMS_LIMIT} or fewer`);
  }
  return text;
}

/** One Easy Read point: a picture and its words. */
export interface EasyReadPoint {
  picture: string;
  pictureAlt: string;
  text: string;
}

/** A point in Easy Read Markdown: `![what the picture shows](/images/easy-read/x.svg) Words.` */
const POINT = /^!\[([^\]]+)\]\(([^)\s]+)\)\s+(.+)$/;

/**
 * The points under the named ## headings of an Easy Read page, in the order asked for. Links keep
 * their words (paper cannot be clicked). A heading that is not on the page is an error, so
 * renaming a section there cannot silently empty a leaflet.
 */
export function easyReadPoints(markdown: string, sections: readonly string[]): EasyReadPoint[] {
  const bySection = new Map<string, EasyReadPoint[]>();
  let current: EasyReadPoint[] | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^##\s+(.+)$/.exec(line.trim());
    if (heading?.[1]) {
      current = [];
      bySection.set(heading[1].trim(), current);
      continue;
    }
    const point = POINT.exec(line.trim());
    if (point?.[1] && point[2] && point[3] && current) {
      current.push({ pictureAlt: point[1], picture: point[2], text: point[3].replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') });
    }
  }
  return sections.flatMap((section) => {
    const points = bySection.get(section);
    if (!points) throw new Error(`The Easy Read page has no section "${section}" for the toolkit to reuse`);
    return points;
  });
}
