import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/**
 * TOTP second factor (RFC 6238, 30-second steps, 6 digits) through otplib. A code from the step
 * before or after is accepted for clock drift; a step at or before the last one accepted is
 * refused, so a code seen over someone's shoulder cannot be used again (ASVS 5.0 V6.6).
 */
export const TOTP_ISSUER = 'Clearshare staff';

export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The secret in groups of four, as people type it into an authenticator app by hand. */
export const groupedSecret = (secret: string): string => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** An inline SVG QR code for the otpauth:// URI. The label is the account id, not the email address. */
export async function totpQrSvg(secret: string, accountLabel: string): Promise<string> {
  const uri = generateURI({ issuer: TOTP_ISSUER, label: accountLabel, secret });
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The time step a code matched, or undefined if it is wrong, too old or already used. */
export async function checkTotp(
  secret: string,
  code: string,
  options: { now: Date; lastStep: number | null },
): Promise<number | undefined> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(options.now.getTime() / 1000),
    epochTolerance: 30,
    ...(options.lastStep === null ? {} : { afterTimeStep: options.lastStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
