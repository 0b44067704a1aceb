import { describe, expect, it } from 'vitest';

import { addSeconds, toIsoDate } from '../../nodes/GenesysContextServices/transport/dates';
import {
	checkOnConfiguredServer,
	parseBaseUrl,
	type ConfiguredServer,
} from '../../nodes/GenesysContextServices/transport/endpoints';
import { effectiveUrl } from '../../nodes/shared/http/urlRules';
import { normaliseInteraction } from '../../nodes/GenesysContextServices/transport/interactionResource';

describe('dates', () => {
	it.each([
		['2009-08-05T09:33:15.000Z', '2009-08-05T09:33:15.000Z'],
		['2009-08-05T09:33:15Z', '2009-08-05T09:33:15.000Z'],
		['2009-08-05T09:33:15', '2009-08-05T09:33:15.000Z'],
		['2009-08-05 09:33:15', '2009-08-05T09:33:15.000Z'],
		['2009-08-05T09:33:15.123456+02:00', '2009-08-05T07:33:15.123Z'],
		['2009-08-05T09:33:15-0130', '2009-08-05T11:03:15.000Z'],
		['2009-08-05', '2009-08-05T00:00:00.000Z'],
		[1249464795000, '2009-08-05T09:33:15.000Z'],
		[1249464795, '2009-08-05T09:33:15.000Z'],
		['1249464795000', '2009-08-05T09:33:15.000Z'],
	])('%j is %s', (value, iso) => {
		expect(toIsoDate(value)).toBe(iso);
	});

	it.each([[''], ['yesterday'], ['2021-02-31T00:00:00Z'], ['2021-01-01T25:00:00Z'], [-1], [NaN], [null], [{}], ['12345']])(
		'%j is not read as a date',
		(value) => {
			expect(toIsoDate(value)).toBeUndefined();
		},
	);

	it('adds seconds', () => {
		expect(addSeconds('2024-03-05T07:09:33.000Z', 91)).toBe('2024-03-05T07:11:04.000Z');
	});
});

describe('interaction resources', () => {
	it('keeps what it cannot read as a date, and udata untouched', () => {
		const json = normaliseInteraction({ start_date: 'soon', udata: { end_date: '2009-08-05T09:33:15' }, entity_type: 4, status: 'IN_PROCESS' });

		expect(json).toEqual({
			start_date: 'soon',
			udata: { end_date: '2009-08-05T09:33:15' },
			entity_type: 4,
			entity_type_name: 'unknown',
			status: 'IN_PROCESS',
			status_name: 'in process',
		});
	});
});

describe('the configured-server rule', () => {
	const server = (base: string): ConfiguredServer => {
		const parsed = parseBaseUrl(base);
		if (!parsed.ok) throw new Error(parsed.problem);
		return parsed.server;
	};

	it('normalises the base URL', () => {
		expect(server(' HTTPS://GMS.Example.com:443/genesys/1/cs// ')).toEqual({
			baseUrl: 'https://gms.example.com/genesys/1/cs',
			origin: 'https://gms.example.com',
			basePath: '/genesys/1/cs',
		});
	});

	it.each([
		['http://ucshost:8080/interactions/x/plain_text', true],
		['/interactions/x/plain_text', true],
		['http://UCSHOST:8080/interactions/x', true],
		['http://ucshost:8081/interactions/x', false],
		['https://ucshost:8080/interactions/x', false],
		['http://ucshost.evil.com:8080/interactions/x', false],
		['http://evil.com/?http://ucshost:8080/', false],
		['//evil.com/interactions', false],
		['http://ucshost:8080@evil.com/', false],
		['http://x@ucshost:8080/', false],
		['javascript:alert(1)', false],
	])('on http://ucshost:8080, %s is on the server: %s', (url, ok) => {
		expect(checkOnConfiguredServer(server('http://ucshost:8080'), url).ok).toBe(ok);
	});

	it.each([
		['https://gms/genesys/1/cs', true],
		['https://gms/genesys/1/cs/interactions/x', true],
		['https://gms/genesys/1/csx', false],
		['https://gms/genesys/1/cs/../../x', false],
		['https://gms/genesys/1/cs/%2e%2e/x', false],
		['/genesys/1/cs/interactions/x', true],
		['/interactions/x', false],
	])('under https://gms/genesys/1/cs, %s is on the server: %s', (url, ok) => {
		expect(checkOnConfiguredServer(server('https://gms/genesys/1/cs'), url).ok).toBe(ok);
	});

	it('hands back the normalised URL, so what was checked is what is fetched', () => {
		expect(checkOnConfiguredServer(server('http://ucshost:8080'), 'HTTP://UCSHOST:8080/a/./b/../c')).toEqual({
			ok: true,
			url: 'http://ucshost:8080/a/c',
		});
	});

	it('joins a relative URL to the base URL the way the HTTP client does', () => {
		expect(effectiveUrl('/interactions/x', 'https://gms/genesys/1/cs/')).toBe('https://gms/genesys/1/cs/interactions/x');
		expect(effectiveUrl('http://other/x', 'https://gms/genesys/1/cs')).toBe('http://other/x');
	});
});
