import type { DeviceContext } from '../bound/model.ts';

// The clock part of the device context, the same on the phone (its local time) and on the server
// (which, without script, has to assume a zone). Pure and browser-safe.

type Clock = Pick<DeviceContext, 'local_time' | 'time_of_day' | 'weekday'>;

export function timeOfDay(hour: number): NonNullable<DeviceContext['time_of_day']> {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** From an hour, minute and JavaScript day (0 = Sunday) to `local_time`, `time_of_day` and the ISO weekday (7 = Sunday). */
export function deviceClock(hour: number, minute: number, jsDay: number): Clock {
  return { local_time: `${pad(hour)}:${pad(minute)}`, time_of_day: timeOfDay(hour), weekday: jsDay === 0 ? 7 : jsDay };
}
