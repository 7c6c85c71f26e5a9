import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { shanghaiDateOf } from '@gongkai/calendar';

/** Letters and digits that cannot be misread over the phone (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function randomCode(length: number): string {
  let code = '';
  for (let index = 0; index < length; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * `GK20240901-7KQ2M9`: the receipt date (Beijing) and six random characters, so numbers say
 * nothing about how many cases there are and cannot be walked.
 */
export function newTrackingNo(receivedAt: Date): string {
  return `GK${shanghaiDateOf(receivedAt).replaceAll('-', '')}-${randomCode(6)}`;
}

/** Eight random characters (about 39 bits), given once to the requester with the tracking number. */
export function newVerificationCode(): string {
  return randomCode(8);
}

/** Stored instead of the code; the case id salts it. */
export function verificationHash(caseId: string, code: string): string {
  return createHash('sha256').update(`${caseId}:${code.trim().toUpperCase()}`).digest('hex');
}

export function verificationMatches(caseId: string, code: string, storedHash: string): boolean {
  const given = Buffer.from(verificationHash(caseId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
