// Test support for every package's tests: the shared fixtures and the bench harness.
export { RESOLVE_BRIDGE_SCRIPT, FIXTURES_DIR, HAVE_FIXTURES, fixturePath, readFixtureText, readFixtureBytes, describeFixtures } from './support/fixtures.ts';
export { runCli } from './support/cli.ts';
