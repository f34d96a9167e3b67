/**
 * Finds personal data that must never be typed into the hub's free text (DOMAIN.md §4.2):
 * an e-mail address, a phone number, or a BSN (9 digits that pass the elfproef). Used on every
 * free-text field of a candidate profile; the input is refused, never cleaned.
 */
export type PersonalData = 'an e-mail address' | 'a phone number' | 'a BSN';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
/** Runs of digits, possibly with the separators people type in numbers. */
const DIGIT_RUNS = /\+?\d[\d\s().-]*\d/g;

/** The elfproef (eleven test) of a BSN: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11. */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

function isPhoneNumber(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  if (run.startsWith('+') || digits.startsWith('00')) return digits.length >= 9 && digits.length <= 15; // international
  return digits.length === 10 && digits.startsWith('0'); // Dutch: 06-12345678, 070 123 45 67
}

export function findPersonalData(text: string): PersonalData | null {
  if (EMAIL.test(text)) return 'an e-mail address';
  for (const [run] of text.matchAll(DIGIT_RUNS)) {
    if (isPhoneNumber(run)) return 'a phone number';
    const digits = run.replace(/\D/g, '');
    // A BSN is also written with dots or spaces (1234.56.782); check every 9-digit window.
    for (let i = 0; i + 9 <= digits.length; i++) if (passesElfproef(digits.slice(i, i + 9))) return 'a BSN';
  }
  return null;
}
