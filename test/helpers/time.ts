/** An instant `hours` from now (negative: ago), as the API takes it. */
export function hoursFromNow(hours: number, from = Date.now()): string {
  return new Date(from + hours * 3_600_000).toISOString();
}

/** "YYYY-MM-DD" and "HH:MM" of an instant in Kyiv, as the console's date and time inputs take them. */
export function kyivParts(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
