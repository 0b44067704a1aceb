/**
 * n8n names a community node type `<package>.<node>`: the engine tests must use the name of the
 * per-vendor package that publishes the node, as workflows saved by users do.
 */
import { describe, expect, it } from 'vitest';

import { Ameyo } from '../../nodes/Ameyo/Ameyo.node';
import { VonageContactCenterTrigger } from '../../nodes/VonageContactCenter/VonageContactCenterTrigger.node';
import { nodeTypeName } from '../harness/index';
describe('node type names in the engine tests', () => {
	it('name each node after the per-vendor package that ships it', () => {
		expect(nodeTypeName(new Ameyo())).toBe('n8n-nodes-ameyo.ameyo');
		expect(nodeTypeName(new VonageContactCenterTrigger())).toBe('n8n-nodes-vonage-contact-center.vonageContactCenterTrigger');
	});
});
