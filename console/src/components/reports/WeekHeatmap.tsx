const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Weeks start on Monday on the page; the report counts weekdays from Sunday (0). */
const ORDER = [1, 2, 3, 4, 5, 6, 0];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** Above this share of the peak the cell is dark enough that white text reads better. */
const STRONG = 0.85;
const hh = (hour: number) => String(hour).padStart(2, '0');

/** Conversations by weekday and starting hour, as a table whose cells are shaded by volume. */
export function WeekHeatmap(props: { heatmap: number[][]; timeZone: string }) {
  const peak = Math.max(1, ...props.heatmap.flat());
  return (
    <div class="table-scroll">
      <table class="heatmap">
        <caption class="sr-only">
          Conversations by weekday and starting hour, in {props.timeZone}
        </caption>
        <thead>
          <tr>
            <td />
            {HOURS.map((hour) => (
              <th scope="col" key={hour} title={`${hh(hour)}:00–${hh(hour + 1)}:00`}>
                {hh(hour)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((weekday) => {
            const name = WEEKDAYS[weekday] ?? '';
            return (
              <tr key={weekday}>
                <th scope="row">{name.slice(0, 3)}</th>
                {HOURS.map((hour) => {
                  const count = props.heatmap[weekday]?.[hour] ?? 0;
                  const text = `${name} ${hh(hour)}:00–${hh(hour + 1)}:00: ${count} ${count === 1 ? 'conversation' : 'conversations'}`;
                  const level = count / peak;
                  return (
                    <td
                      key={hour}
                      class={level > STRONG ? 'heat heat-strong' : 'heat'}
                      style={{ '--heat': String(level) }}
                      title={text}
                      aria-label={text}
                    >
                      {count}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
