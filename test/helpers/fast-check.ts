import fc from 'fast-check';
import { inject } from 'vitest';

// A setup file: every worker runs the properties from the run's one seed (test/helpers/global-setup.ts
// prints it). fast-check also prints the seed and path of a failing property in its own report.
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: inject('fcSeed') });
