/** File naming for downloaded media: the vendor's name when it gives one, else `<id>.<ext>`. */

const EXTENSIONS: Record<string, string> = {
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/vnd.wave': 'wav',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/ogg': 'ogg',
	'audio/webm': 'weba',
	'audio/mp4': 'm4a',
	'video/webm': 'webm',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'application/json': 'json',
	'text/plain': 'txt',
	'text/xml': 'xml',
	'application/xml': 'xml',
	'text/html': 'html',
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
};

/** "audio/wav; charset=binary" → "audio/wav" */
export function baseMimeType(contentType: unknown): string | undefined {
	if (typeof contentType !== 'string') return undefined;
	const base = contentType.split(';')[0].trim().toLowerCase();
	return base === '' ? undefined : base;
}

export function extensionForMimeType(mimeType: string | undefined): string {
	if (!mimeType) return 'bin';
	return EXTENSIONS[mimeType] ?? (mimeType.endsWith('+json') ? 'json' : 'bin');
}

/** The filename from a Content-Disposition header (RFC 6266, including filename*=UTF-8''…). */
export function fileNameFromContentDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
	if (extended) {
		try {
			return safeFileName(decodeURIComponent(extended.trim()));
		} catch {
			// A malformed escape falls through to the plain filename parameter.
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
	const value = plain?.[2] ?? plain?.[1];
	return value ? safeFileName(value.trim()) : undefined;
}

/** Keeps only the last path part and drops characters no file system likes. */
export function safeFileName(name: string): string | undefined {
	const last = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const cleaned = last.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
	return cleaned === '' || /^\.+$/.test(cleaned) ? undefined : cleaned.slice(0, 200);
}
