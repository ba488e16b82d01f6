import type { Store } from '../store/store.ts';
import { LoginThrottle } from './login-throttle.ts';
import { DashboardSessions } from './sessions.ts';
import { DashboardUsers } from './users.ts';

export interface DashboardServices {
  users: DashboardUsers;
  sessions: DashboardSessions;
  throttle: LoginThrottle;
}

export function dashboardServices(store: Store, now: () => number): DashboardServices {
  return { users: new DashboardUsers(store, now), sessions: new DashboardSessions(store, now), throttle: new LoginThrottle(store, now) };
}
