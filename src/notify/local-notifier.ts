import { assertPayload, type Notifier } from './notifier.ts';

/**
 * The Notifier of embedded mode (SQLite, one process): there is no other process to tell, and
 * publishers tell their own process directly, so a publish only checks its payload.
 */
export class LocalNotifier implements Notifier {
  publish(_channel: string, payload: string): Promise<void> {
    assertPayload(payload);
    return Promise.resolve();
  }

  subscribe(): () => void {
    return () => undefined;
  }

  onResume(): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
