import type { Routes } from '@angular/router';
import { EventsPage } from './events/events-page';
import { OverviewPage } from './overview/overview-page';
import { PodPage } from './pod-page/pod-page';

export const routes: Routes = [
  { path: '', component: OverviewPage, title: 'Strato' },
  { path: 'pods/:pod', component: PodPage, title: 'Strato · pod' },
  { path: 'events', component: EventsPage, title: 'Strato · events' },
  { path: '**', redirectTo: '' },
];
