// The npm package's one bundle (dist/oblix.cjs): the SDK's exports, and the CLI that dist/cli.js runs.
export * from '../sdk';
export { runCli } from './main';
