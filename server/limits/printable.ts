/**
 * C0 control characters other than tab and line breaks, DEL, and UTF-16 halves without their
 * pair: they cannot be stored and shown faithfully, and break the tools a register is read with.
 * Refused in every argument (request-strings.ts) and every record (register/records.ts).
 */
export const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isPrintable = (text: string): boolean => !UNPRINTABLE.test(text);
