import { WEEKDAYS, type DayDraft } from '../../models/site-form';

/** "Always open", or a time zone and opening hours per weekday. */
export function BusinessHoursFields(props: {
  alwaysOpen: boolean;
  timeZone: string;
  days: DayDraft[];
  onAlwaysOpen: (value: boolean) => void;
  onTimeZone: (value: string) => void;
  onDay: (day: DayDraft) => void;
}) {
  return (
    <fieldset>
      <legend>Business hours</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={props.alwaysOpen}
          onChange={(e) => props.onAlwaysOpen(e.currentTarget.checked)}
        />
        Always open (offline form only when no agent is online)
      </label>
      {!props.alwaysOpen && (
        <>
          <label class="field field-narrow">
            <span>Time zone</span>
            <input
              value={props.timeZone}
              list="time-zones"
              required
              placeholder="Europe/Bucharest"
              onInput={(e) => props.onTimeZone(e.currentTarget.value)}
            />
            <datalist id="time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </label>
          <table class="hours">
            <tbody>
              {props.days.map((day) => {
                const name = WEEKDAYS[day.day] ?? String(day.day);
                return (
                  <tr key={day.day}>
                    <th scope="row">
                      <label class="check">
                        <input
                          type="checkbox"
                          checked={day.open}
                          onChange={(e) => props.onDay({ ...day, open: e.currentTarget.checked })}
                        />
                        {name}
                      </label>
                    </th>
                    <td>
                      <input
                        type="time"
                        aria-label={`${name} opens`}
                        value={day.from}
                        disabled={!day.open}
                        onInput={(e) => props.onDay({ ...day, from: e.currentTarget.value })}
                      />
                    </td>
                    <td aria-hidden="true">–</td>
                    <td>
                      <input
                        type="time"
                        aria-label={`${name} closes`}
                        value={day.to}
                        disabled={!day.open}
                        onInput={(e) => props.onDay({ ...day, to: e.currentTarget.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </fieldset>
  );
}

let zones: string[] | null = null;
function timeZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}
