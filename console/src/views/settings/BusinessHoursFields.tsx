import { FieldErrorText } from '../../components/FieldErrorText';
import { WEEKDAYS, type DayDraft } from '../../models/site-form';

/**
 * "Always open", or a time zone and opening hours per weekday. The time zone is typed with
 * suggestions from every zone the browser knows (a searchable list); what is wrong shows under it.
 */
export function BusinessHoursFields(props: {
  alwaysOpen: boolean;
  timeZone: string;
  timeZoneInputId: string;
  timeZoneError: string | null;
  daysError: string | null;
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
              id={props.timeZoneInputId}
              value={props.timeZone}
              list="time-zones"
              required
              autocomplete="off"
              placeholder="Europe/Bucharest"
              aria-invalid={props.timeZoneError ? true : undefined}
              aria-describedby={props.timeZoneError ? 'site-error-timeZone' : undefined}
              onInput={(e) => props.onTimeZone(e.currentTarget.value)}
            />
            <datalist id="time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </label>
          <FieldErrorText id="site-error-timeZone" text={props.timeZoneError} />
          <FieldErrorText id="site-error-days" text={props.daysError} />
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
