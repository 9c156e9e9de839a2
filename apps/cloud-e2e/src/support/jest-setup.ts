// Project-level testTimeout is ignored when the root config runs every project: set it here.
jest.setTimeout(180_000);
