import type { Routes } from '@angular/router';
import { OverviewPage } from './overview/overview-page';

// The overview is what opens first; the other pages (forms, charts) load when they are visited.
export const routes: Routes = [
  { path: '', component: OverviewPage, title: 'Strato' },
  {
    path: 'pods/:pod',
    loadComponent: () => import('./pod-page/pod-page').then((page) => page.PodPage),
    title: 'Strato · pod',
  },
  {
    path: 'events',
    loadComponent: () => import('./events/events-page').then((page) => page.EventsPage),
    title: 'Strato · events',
  },
  {
    path: 'jobs',
    loadComponent: () => import('./jobs/jobs-page').then((page) => page.JobsPage),
    title: 'Strato · jobs',
  },
  {
    path: 'jobs/:id',
    loadComponent: () => import('./jobs/job-page').then((page) => page.JobPage),
    title: 'Strato · job',
  },
  { path: '**', redirectTo: '' },
];
