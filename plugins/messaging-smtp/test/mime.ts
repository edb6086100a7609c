/**
 * Just enough MIME reading to check what arrived at the test SMTP server: headers, the text and
 * HTML bodies and the attachments of a (nested) multipart message, with base64, quoted-printable
 * and RFC 2047 encoded words decoded. Not a general parser.
 */

export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  filename?: string;
  isAttachment: boolean;
  content: Buffer;
}

export interface ParsedMessage {
  headers: Map<string, string>;
  subject?: string;
  text?: string;
  html?: string;
  attachments: MimePart[];
}

export function parseMessage(raw: string): ParsedMessage {
  const leaves = readPart(raw);
  const headers = leaves.headers;
  const parts = leaves.parts;
  const body = (type: string) => parts.find((part) => !part.isAttachment && part.contentType.toLowerCase().startsWith(type))?.content.toString('utf8');
  const subject = headers.get('subject');
  return {
    headers,
    subject: subject === undefined ? undefined : decodeWords(subject),
    text: body('text/plain'),
    html: body('text/html'),
    attachments: parts.filter((part) => part.isAttachment),
  };
}

function readPart(raw: string): { headers: Map<string, string>; parts: MimePart[] } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = readHeaders(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? '' : raw.slice(split + 4);
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = parameter(contentType, 'boundary');
  if (/^multipart\//i.test(contentType) && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    const parts = sections
      .filter((section) => !section.startsWith('--'))
      .flatMap((section) => readPart(section.replace(/^\r\n/, '').replace(/\r\n$/, '')).parts);
    return { headers, parts };
  }
  const disposition = headers.get('content-disposition') ?? '';
  const filename = parameter(disposition, 'filename') ?? parameter(contentType, 'name');
  const content = decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
  return { headers, parts: [{ headers, contentType, filename, isAttachment: /^attachment/i.test(disposition) || filename !== undefined, content }] };
}

function readHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}=(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

function decodeBody(body: string, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
    default:
      return Buffer.from(body, 'utf8');
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

/** RFC 2047: `=?UTF-8?Q?Caf=C3=A9?=`; white space between two encoded words is dropped. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
  );
}
