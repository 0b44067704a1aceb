export { runNode, NODE_NAME } from './run-node';
export type { RunNodeOptions, RunNodeResult } from './run-node';
export { readBinary, binaryStorageDir } from './binary';
export { nodeTypeName, packageOf } from './node-types';
export { TestCredentialsHelper } from './credentials-helper';
export type { CredentialStore } from './credentials-helper';
export { runPoll } from './run-poll';
export type { RunPollOptions, RunPollResult } from './run-poll';
