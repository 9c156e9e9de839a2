import { parentPort } from 'node:worker_threads';
import { serveJobs } from '../app/job-worker';

if (parentPort) serveJobs(parentPort);
