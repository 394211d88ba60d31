// The operator's console: one event's line, rates, seats and health, live from the console stream,
// with the waiting room's controls and their change log, the event's presale lanes and its waiting list. Plain
// JavaScript against the admin API; charts are drawn here in SVG. Every error is shown in the
// words of the API's problem detail.
'use strict';

const TOKEN_KEY = 'ticketing.console.token';
const SPARK_WINDOW_MS = 5 * 60 * 1000;
const LIVE_POINTS = 3600;
// The stream sends stats every second and a heartbeat every 15 s; this long without a byte means
// a connection that died without closing (a proxy or a sleeping laptop), which is then dropped.
const SILENCE_MS = 20_000;
const BACKOFF_S = [1, 2, 4, 8, 15, 30];
// The change log, the lanes and the waiting list are read this often; none is on the stream, whose figures come every second.
const REFRESH_EVERY_MS = 5000;
const SVG = 'http://www.w3.org/2000/svg';

const MODES = {
  FIFO: 'Arrival order from the first entry on: early arrivals get their place at once, let in from the opening.',
  RANDOM_AT_OPEN: 'Buyers who join before sales open get a random place at the opening; later ones join the end.',
  PASSTHROUGH: 'Straight in while nobody waits and fewer than maxActive are inside; a line as usual above that.',
  QUEUE_ALL: 'Nobody is let in: arrivals still join and places still count, until the mode changes.',
  CLOSED: 'New arrivals are turned away with your message; the line already there goes on.',
};

// What each setting is called in the change log and in confirmations.
const SETTING_NAMES = {
  admissionRatePerSecond: 'admission rate', rate: 'admission rate', maxActive: 'maxActive', paused: 'paused',
  mode: 'mode', message: 'message', challengeBits: 'difficulty (bits)', bits: 'difficulty (bits)', schedule: 'schedule',
};

// Problem details are written for API callers; where one is about the operator's account, they read this instead.
const OPERATOR_WORDS = {
  forbidden: 'This account is not an administrator. Sign in with an administrator\'s account to use the console.',
};

const params = new URLSearchParams(location.search);
const eventId = params.get('event');
const $ = (id) => document.getElementById(id);

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  settings: null,
  samples: [], // {at, entries, admissions, holds, purchases} over the last few minutes
  burnDown: [], // the stats' burn-down over the sale so far
  live: [], // seats left, one point per stats event, after the burn-down's last point
  stream: { controller: null, attempt: 0, retry: null, countdown: null, stopped: true, moving: false, failed: null },
  refreshTimer: null,
  shown: { changes: '', lanes: '', waitingList: '' }, // each refreshed panel as last drawn
  settingsSeen: null,
};

// --- Talking to the API ---------------------------------------------------------------------

function alertUser(message) {
  $('alert').textContent = message;
  $('alert').hidden = !message;
}

function notify(message) {
  $('notice').textContent = message;
}

/** Calls the API (api-client.js); a problem detail becomes an Error whose message is the detail, in words. */
const api = apiClient({
  token: () => state.token,
  words: OPERATOR_WORDS,
  unreachable: 'The ticket service cannot be reached. Check the connection and try again.',
});

const admin = (suffix = '') => '/admin/events/' + eventId + suffix;

// --- Formatting ------------------------------------------------------------------------------

function count(value) {
  return value == null ? '–' : Number(value).toLocaleString();
}

function perSecond(value) {
  if (value == null) return '–';
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: value < 10 ? 1 : 0 });
}

function duration(seconds) {
  if (seconds == null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

/** A time of day for a chart's axis, with seconds when the chart spans less than ten minutes. */
function clockTime(millis, span = Infinity) {
  return new Date(millis).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', ...(span < 600_000 ? { second: '2-digit' } : {}) });
}

const BREAKER_WORDS = { CLOSED: 'closed (healthy)', HALF_OPEN: 'half open (trying again)', OPEN: 'open (failing fast)' };

function breaker(id, value) {
  const element = $(id);
  element.textContent = value == null ? '–' : BREAKER_WORDS[value] || String(value).replace(/_/g, ' ').toLowerCase();
  element.className = value == null ? '' : 'state-' + String(value).toLowerCase();
}

// --- Signing in --------------------------------------------------------------------------------

function show(view) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.id !== 'view-' + view;
  }
}

$('signin-form').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  alertUser('');
  try {
    const token = await api('POST', '/auth/token', { email: $('email').value.trim(), password: $('password').value });
    state.token = token.accessToken;
    sessionStorage.setItem(TOKEN_KEY, state.token);
    await start();
  } catch (e) {
    alertUser(e.message);
  }
});

function signOut(message) {
  stopStream();
  clearInterval(state.refreshTimer);
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  setConnection('', 'Not connected');
  show('signin');
  alertUser(message);
  $('email').focus();
}

/** Whether the error ended the session (an expired token, an account without the role), which it then says. */
function endsSession(e) {
  if (e.status === 401) {
    signOut('Your session has ended. Please sign in again.');
    return true;
  }
  if (e.status === 403) {
    signOut(e.message);
    return true;
  }
  return false;
}

// --- Start ---------------------------------------------------------------------------------------

async function loadEvent() {
  if (!eventId || !/^\d+$/.test(eventId)) {
    $('event-name').textContent = 'No event chosen';
    alertUser('Open this page with an event, for example /console.html?event=1.');
    return false;
  }
  try {
    const event = await api('GET', '/events/' + eventId);
    $('event-name').textContent = event.name;
    $('event-meta').textContent = 'Event ' + event.id + ' · ' + event.venue + ' · sales open '
      + new Date(event.salesOpenAt).toLocaleString() + ' · ' + count(event.capacity) + ' seats';
    document.title = event.name + ' · Operator\'s console';
    return true;
  } catch (e) {
    $('event-name').textContent = 'Event not available';
    alertUser(e.message);
    return false;
  }
}

/** Checks the account may run the console (the settings answer only to an admin), then goes live. */
async function start() {
  try {
    applySettings(await api('GET', admin('/queue')), 'all');
  } catch (e) {
    if (!endsSession(e)) alertUser(e.message);
    if (e.status === 401 || e.status === 403) return;
  }
  show('console');
  $('line-title').tabIndex = -1;
  $('line-title').focus();
  await Promise.all([loadChanges(), loadLanes(), loadWaitingList()]);
  clearInterval(state.refreshTimer);
  state.refreshTimer = setInterval(() => { loadChanges(); loadLanes(); loadWaitingList(); }, REFRESH_EVERY_MS);
  connect();
}

// --- The stream --------------------------------------------------------------------------------

function setConnection(kind, text) {
  $('connection').className = 'connection' + (kind ? ' ' + kind : '');
  $('connection').textContent = text;
}

function stopStream() {
  const stream = state.stream;
  stream.stopped = true;
  clearTimeout(stream.retry);
  clearInterval(stream.countdown);
  stream.controller?.abort();
}

/**
 * Reads the console stream with fetch(), since EventSource cannot send the bearer header, and
 * parses text/event-stream here. When it ends or falls silent it is opened again with backoff.
 */
async function connect() {
  const stream = state.stream;
  stream.stopped = false;
  clearTimeout(stream.retry);
  clearInterval(stream.countdown);
  const controller = new AbortController();
  stream.controller = controller;
  let silence;
  const listen = () => {
    clearTimeout(silence);
    silence = setTimeout(() => controller.abort(), SILENCE_MS);
  };
  if (stream.attempt === 0) setConnection('', 'Connecting…');
  try {
    listen();
    const response = await fetch('/api/v1' + admin('/console/stream'), {
      headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + state.token },
      cache: 'no-store', signal: controller.signal,
    });
    if (!response.ok) {
      const e = await problem(response, OPERATOR_WORDS);
      stream.failed = e.message;
      if (endsSession(e)) return;
      if (e.status === 404) {
        stream.stopped = true;
        setConnection('down', 'Stopped');
        alertUser(e.message);
        return;
      }
      throw e;
    }
    setConnection('live', 'Live');
    // The stream's own refusal, said while it was down, is over; an error a control showed stays.
    if (stream.failed && $('alert').textContent === stream.failed) alertUser('');
    stream.failed = null;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      listen();
      buffer = dispatch(buffer + value);
    }
  } catch (e) {
    if (e.status && e.status !== 0 && e.name !== 'AbortError') alertUser(e.message);
  } finally {
    clearTimeout(silence);
  }
  if (!stream.stopped && stream.controller === controller) reconnectLater();
}

/** Handles the complete events in {@code text}; answers what is left of an event still arriving. */
function dispatch(text) {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop();
  for (const block of blocks) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue; // a heartbeat or other comment
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      if (field === 'data') data.push(value);
    }
    if (name === 'stats' && data.length) {
      state.stream.attempt = 0;
      render(JSON.parse(data.join('\n')));
    } else if (name === 'reconnect') {
      // The instance is shutting down and ends the stream: another one answers straight away.
      state.stream.moving = true;
    }
  }
  return rest;
}

function reconnectLater() {
  const stream = state.stream;
  if (stream.moving) {
    stream.moving = false;
    setConnection('down', 'Server restarting. Reconnecting…');
    connect();
    return;
  }
  const wait = BACKOFF_S[Math.min(stream.attempt, BACKOFF_S.length - 1)];
  stream.attempt++;
  let left = wait;
  const say = () => setConnection('down', 'Connection lost. Reconnecting in ' + left + ' s…');
  say();
  stream.countdown = setInterval(() => { left = Math.max(0, left - 1); say(); }, 1000);
  stream.retry = setTimeout(() => { clearInterval(stream.countdown); setConnection('down', 'Reconnecting…'); connect(); }, wait * 1000);
}

// --- Figures --------------------------------------------------------------------------------------

function render(stats) {
  const at = Date.parse(stats.at) || Date.now();
  $('as-of').textContent = 'at ' + new Date(at).toLocaleTimeString();
  // A block whose source did not answer (Redis or MySQL down) is null: its figures show as unknown, not stale.
  for (const key of ['preQueue', 'waiting', 'admitted', 'inside', 'limbo']) $('line-' + key).textContent = count(stats.line?.[key]);
  renderRates(at, stats.rates || {}, stats.totals || {});
  renderSeats(at, stats.seats || {}, stats.burnDown || []);
  const wait = stats.waitSeconds || {};
  $('wait-p50').textContent = wait.p50 == null ? 'nobody let in yet' : duration(wait.p50);
  $('wait-p99').textContent = wait.p99 == null ? 'nobody let in yet' : duration(wait.p99);
  $('eta-last').textContent = stats.line?.waiting === 0 ? 'nobody waiting'
    : stats.lastWaiterEtaSeconds == null ? '–' : 'in ' + duration(stats.lastWaiterEtaSeconds);
  const abandonment = stats.abandonment || {};
  $('abandon-skipped').textContent = count(abandonment.skipped);
  $('abandon-holdsExpired').textContent = count(abandonment.holdsExpired);
  const conversion = stats.conversion || {};
  $('conversion').textContent = conversion.admitted == null ? '–'
    : count(conversion.buyers) + ' of ' + count(conversion.admitted)
      + (conversion.rate == null ? '' : ' (' + (conversion.rate * 100).toFixed(conversion.rate < 0.1 ? 1 : 0) + ' %)');
  const health = stats.health || {};
  $('health-instances').textContent = count(health.instances);
  breaker('health-redisBreaker', health.redisBreaker);
  breaker('health-databaseBreaker', health.databaseBreaker);
  $('health-shedRequests').textContent = count(health.shedRequests);
  if (stats.settings) {
    // Settings that changed without this page (another operator, the API) bring their change log entry.
    const seen = JSON.stringify(stats.settings);
    if (state.settingsSeen && seen !== state.settingsSeen) loadChanges();
    state.settingsSeen = seen;
    applySettings(stats.settings);
  }
}

const RATES = ['entries', 'admissions', 'holds', 'purchases'];

function renderRates(at, rates, totals) {
  const sample = { at };
  for (const name of RATES) {
    sample[name] = rates[name + 'PerSecond'];
    $('rate-' + name).textContent = perSecond(sample[name]);
    $('total-' + name).textContent = count(totals[name]);
  }
  const samples = state.samples;
  if (samples.length && samples[samples.length - 1].at >= at) samples.length = 0; // the clock went back: start again
  samples.push(sample);
  while (samples.length && samples[0].at < at - SPARK_WINDOW_MS) samples.shift();
  for (const name of RATES) sparkline($('spark-' + name), samples, name, at);
}

function svg(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (text != null) element.textContent = text;
  return element;
}

/** The last five minutes of one rate: a line over an area, gaps where the rate was not known yet. */
function sparkline(chart, samples, name, now) {
  const width = 240;
  const height = 60;
  const top = Math.max(1, ...samples.map((s) => s[name] ?? 0)) * 1.15;
  // A fresh page's first seconds fill the chart rather than a sliver of five minutes; half a minute at least.
  const span = Math.min(SPARK_WINDOW_MS, Math.max(30_000, now - (samples[0]?.at ?? now)));
  const x = (at) => width - ((now - at) / span) * width;
  const y = (value) => height - (value / top) * (height - 2);
  let line = '';
  let area = '';
  let run = [];
  const close = () => {
    if (run.length) {
      line += 'M' + run.map(([px, py]) => px.toFixed(1) + ' ' + py.toFixed(1)).join('L');
      area += 'M' + run[0][0].toFixed(1) + ' ' + height + 'L' + run.map(([px, py]) => px.toFixed(1) + ' ' + py.toFixed(1)).join('L')
        + 'L' + run[run.length - 1][0].toFixed(1) + ' ' + height + 'Z';
    }
    run = [];
  };
  for (const sample of samples) {
    if (sample[name] == null) close();
    else run.push([x(sample.at), y(sample[name])]);
  }
  close();
  chart.replaceChildren(svg('path', { class: 'area', d: area || 'M0 0' }), svg('path', { class: 'stroke', d: line || 'M0 0' }));
}

/**
 * The stats' burn-down is read from the database every few seconds and ends with the live count;
 * the page keeps each event's live count, so that the chart moves every second between reads.
 */
function renderSeats(at, seats, burnDown) {
  for (const key of ['available', 'held', 'sold', 'total']) $('seats-' + key).textContent = count(seats[key]);
  const points = burnDown.map((point) => ({ at: Date.parse(point.at), left: point.seatsLeft })).filter((p) => !Number.isNaN(p.at));
  const newest = points.length ? points.pop() : seats.total != null && seats.sold != null ? { at, left: seats.total - seats.sold } : null;
  state.burnDown = points;
  const since = points.length ? points[points.length - 1].at : -Infinity;
  const live = state.live;
  if (newest) {
    if (live.length && live[live.length - 1].at >= newest.at) live.length = 0; // the clock went back: start again
    live.push(newest);
  }
  while (live.length && (live[0].at <= since || live.length > LIVE_POINTS)) live.shift();
  burnDownChart($('burndown'), seats.total, state.burnDown, live);
}

/** Seats left over the sale: the stats' burn-down, carried on by this page's own live points. */
function burnDownChart(chart, total, history, live) {
  const width = 600;
  const height = 170;
  const margin = { left: 52, right: 12, top: 10, bottom: 26 };
  const points = history.concat(live);
  chart.replaceChildren();
  if (!points.length) {
    chart.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'tick' }, 'No seat figures yet'));
    return;
  }
  const top = Math.max(1, total ?? 0, ...points.map((p) => p.left));
  const start = points[0].at;
  const end = Math.max(points[points.length - 1].at, start + 1000);
  const x = (at) => margin.left + ((at - start) / (end - start)) * (width - margin.left - margin.right);
  const y = (left) => margin.top + (1 - left / top) * (height - margin.top - margin.bottom);
  for (const fraction of [0, 0.5, 1]) {
    const value = Math.round(top * fraction);
    chart.append(svg('line', { class: 'grid-line', x1: margin.left, x2: width - margin.right, y1: y(value), y2: y(value) }),
      svg('text', { class: 'tick', x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, value.toLocaleString()));
  }
  chart.append(svg('line', { class: 'axis', x1: margin.left, x2: margin.left, y1: margin.top, y2: height - margin.bottom }),
    svg('line', { class: 'axis', x1: margin.left, x2: width - margin.right, y1: height - margin.bottom, y2: height - margin.bottom }),
    svg('text', { class: 'tick', x: margin.left, y: height - 8 }, clockTime(start, end - start)),
    svg('text', { class: 'tick', x: width - margin.right, y: height - 8, 'text-anchor': 'end' }, clockTime(end, end - start)));
  const path = (list) => list.map((p, i) => (i ? 'L' : 'M') + x(p.at).toFixed(1) + ' ' + y(p.left).toFixed(1)).join('');
  if (history.length) {
    const floor = height - margin.bottom;
    chart.append(svg('path', { class: 'area', d: path(history) + 'L' + x(history[history.length - 1].at).toFixed(1) + ' ' + floor
      + 'L' + x(history[0].at).toFixed(1) + ' ' + floor + 'Z' }), svg('path', { class: 'history', d: path(history) }));
  }
  // The live line starts where the burn-down ends, so that the two read as one.
  const joined = history.length ? [history[history.length - 1]].concat(live) : live;
  if (joined.length) chart.append(svg('path', { class: 'live', d: path(joined) }));
  const last = points[points.length - 1];
  chart.setAttribute('aria-label', 'Seats left over the sale: ' + last.left.toLocaleString() + ' of ' + top.toLocaleString() + ' now');
}

// --- Settings and controls ------------------------------------------------------------------------

for (const mode of Object.keys(MODES)) $('mode-select').append(new Option(mode, mode));
$('mode-select').addEventListener('change', () => {
  $('mode-help').textContent = MODES[$('mode-select').value];
  $('mode-apply').classList.toggle('danger', $('mode-select').value === 'CLOSED');
});

// An input the operator has typed in is theirs until they apply it: the live settings leave it alone.
for (const id of ['rate-input', 'max-input', 'mode-select', 'bits-input', 'message-input']) {
  $(id).addEventListener('input', () => { $(id).dataset.dirty = '1'; });
}

function setInput(id, value, force) {
  const input = $(id);
  if (!force && (input.dataset.dirty || document.activeElement === input)) return;
  input.value = value ?? '';
  delete input.dataset.dirty;
}

const INPUTS = { admissionRatePerSecond: 'rate-input', maxActive: 'max-input', mode: 'mode-select', challengeBits: 'bits-input', message: 'message-input' };

/**
 * Shows the settings. The inputs of the {@code applied} fields (all of them after loading) take the
 * settings' values even when typed in; the others only when the operator has not typed in them.
 */
function applySettings(settings, applied = []) {
  if (!settings) return;
  state.settings = { ...state.settings, ...settings };
  const s = state.settings;
  const mode = s.mode || 'RANDOM_AT_OPEN';
  const effective = s.effectiveMode || mode;
  const all = applied === 'all';
  for (const [field, id] of Object.entries(INPUTS)) {
    const fallback = field === 'mode' ? mode : field === 'challengeBits' ? 0 : '';
    setInput(id, s[field] ?? fallback, all || applied.includes(field));
  }
  $('mode-help').textContent = MODES[$('mode-select').value] || '';
  $('mode-apply').classList.toggle('danger', $('mode-select').value === 'CLOSED');
  $('pause-button').textContent = s.paused ? 'Resume admissions' : 'Pause admissions';
  $('pause-button').classList.toggle('danger', !s.paused);
  $('paused-banner').hidden = !s.paused;
  const badge = $('mode-badge');
  badge.hidden = false;
  badge.textContent = (s.paused ? 'Paused · ' : '') + effective + (effective !== mode ? ' (scheduled)' : '');
  // Red while the line keeps people out: paused, nobody let in (QUEUE_ALL), or arrivals turned away (CLOSED).
  badge.className = 'badge' + (effective === 'CLOSED' || effective === 'QUEUE_ALL' ? ' closed' : s.paused ? ' paused' : '');
  $('settings-now').textContent = [
    effective + (effective !== mode ? ' by the schedule (set: ' + mode + ')' : ''),
    s.paused ? 'paused' : 'admitting',
    perSecond(s.admissionRatePerSecond) + ' buyers/s',
    'at most ' + count(s.maxActive) + ' inside',
    (s.challengeBits ? s.challengeBits + '-bit door' : 'door off'),
    s.message ? 'message: “' + s.message + '”' : 'no message',
  ].join(' · ');
  if (Array.isArray(s.schedule) && (all || applied.includes('schedule'))) showSchedule(s.schedule);
}

/** Changes one setting: only that field is sent, so two operators never undo each other's other changes. */
async function change(field, value, said) {
  alertUser('');
  notify('');
  try {
    const answer = await api('PUT', admin('/queue'), { [field]: value });
    // The answer is the settings where the API gives them back; the next stats event brings them otherwise.
    applySettings(answer && 'mode' in answer ? answer : { [field]: value }, [field]);
    notify(said);
  } catch (e) {
    if (!endsSession(e)) alertUser(e.message);
  }
  await loadChanges();
}

$('pause-button').addEventListener('click', () => {
  const pause = !state.settings?.paused;
  change('paused', pause, pause ? 'Admissions paused.' : 'Admissions resumed.');
});

/** A whole number from an input, or null after saying what is wrong with it. */
function wholeNumber(id, min, max, what) {
  const text = $(id).value.trim();
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < min || value > max) {
    alertUser(what + ' must be a whole number from ' + min.toLocaleString() + ' to ' + max.toLocaleString() + '.');
    $(id).focus();
    return null;
  }
  return value;
}

$('rate-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const value = wholeNumber('rate-input', 0, 100_000, 'The admission rate');
  if (value != null) change('admissionRatePerSecond', value, 'Admission rate set to ' + value.toLocaleString() + ' buyers a second.');
});

$('max-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const value = wholeNumber('max-input', 0, 10_000_000, 'The most buyers inside');
  if (value != null) change('maxActive', value, 'At most ' + value.toLocaleString() + ' buyers inside at once.');
});

$('mode-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const mode = $('mode-select').value;
  change('mode', mode, 'Mode set to ' + mode + '.');
});

$('bits-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const value = wholeNumber('bits-input', 0, 32, 'The difficulty');
  if (value != null) change('challengeBits', value, value ? 'Entry now needs a ' + value + '-bit proof of work.' : 'The proof-of-work door is off.');
});

$('message-form').addEventListener('submit', (submit) => {
  submit.preventDefault();
  const message = $('message-input').value.trim();
  change('message', message, message ? 'Waiters now see your message.' : 'The message is removed.');
});

$('message-clear').addEventListener('click', () => {
  $('message-input').value = '';
  change('message', '', 'The message is removed.');
});

// --- Schedule --------------------------------------------------------------------------------------

/** An instant as a datetime-local input's value, in the operator's time zone. */
function localInput(instant) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function addScheduleRow(period = {}) {
  const row = $('schedule-row').content.firstElementChild.cloneNode(true);
  const select = row.querySelector('.schedule-mode');
  for (const mode of Object.keys(MODES)) select.append(new Option(mode, mode));
  select.value = period.mode || 'QUEUE_ALL';
  row.querySelector('.schedule-from').value = period.from ? localInput(period.from) : '';
  row.querySelector('.schedule-to').value = period.to ? localInput(period.to) : '';
  row.querySelector('.schedule-remove').addEventListener('click', () => {
    row.remove();
    $('schedule-add').focus();
  });
  $('schedule-rows').append(row);
  return row;
}

function showSchedule(periods) {
  $('schedule-rows').replaceChildren();
  periods.forEach((period) => addScheduleRow(period));
}

$('schedule-add').addEventListener('click', () => {
  addScheduleRow().querySelector('select').focus();
});

$('schedule-form').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  alertUser('');
  const periods = [];
  for (const row of $('schedule-rows').children) {
    const from = row.querySelector('.schedule-from').value;
    const to = row.querySelector('.schedule-to').value;
    if (!from || !to) {
      alertUser('Every period needs a start and an end.');
      row.querySelector(from ? '.schedule-to' : '.schedule-from').focus();
      return;
    }
    periods.push({ mode: row.querySelector('.schedule-mode').value, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  }
  try {
    const answer = await api('PUT', admin('/queue/schedule'), periods);
    applySettings(answer && 'mode' in answer ? answer : { schedule: periods }, ['schedule']);
    notify(periods.length ? 'Schedule saved: ' + periods.length + (periods.length === 1 ? ' period.' : ' periods.') : 'Schedule cleared.');
  } catch (e) {
    if (!endsSession(e)) alertUser(e.message);
  }
  await loadChanges();
});

// --- Lanes -------------------------------------------------------------------------------------------

/** An instant, short, in the operator's time zone. */
function when(instant) {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? '–' : date.toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

// The lanes' columns. Held and returned are shown once the service counts them (a lane's own seats);
// a service that does not is not mistaken for one whose lanes hold nothing.
const LANE_COLUMNS = [
  { field: 'window', title: 'Window', show: (lane) => when(lane.opensAt) + ' – ' + when(lane.closesAt), text: true },
  { field: 'quota', title: 'Quota', show: (lane) => count(lane.quota) },
  { field: 'sold', title: 'Sold', show: (lane) => count(lane.sold) },
  { field: 'held', title: 'Held', show: (lane) => count(lane.held), optional: true },
  { field: 'left', title: 'Left', show: (lane) => count(lane.left) },
  { field: 'returnedAt', title: 'Unsold returned', show: (lane) => (lane.returnedAt ? when(lane.returnedAt) : 'not yet'), optional: true },
];

function loadLanes() {
  return refreshList(admin('/lanes'), 'lanes', showLanes);
}

function showLanes(lanes) {
  const columns = LANE_COLUMNS.filter((column) => !column.optional || lanes.some((lane) => column.field in lane));
  const cell = (tag, text, className) => {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    return element;
  };
  const head = [cell('th', 'Lane', 'text'), ...columns.map((column) => cell('th', column.title, column.text ? 'text' : ''))];
  head.forEach((th) => th.setAttribute('scope', 'col'));
  $('lanes-head').replaceChildren(...head);
  $('lanes-rows').replaceChildren(...lanes.map((lane) => {
    const row = document.createElement('tr');
    row.dataset.lane = lane.id;
    const name = cell('th', lane.name, 'text');
    name.setAttribute('scope', 'row');
    row.append(name, ...columns.map((column) => {
      const value = cell('td', column.show(lane), column.text ? 'text' : '');
      value.dataset.field = column.field;
      return value;
    }));
    return row;
  }));
  $('lanes').hidden = lanes.length === 0;
  $('lanes-empty').hidden = lanes.length > 0;
}

// --- Waiting list ------------------------------------------------------------------------------------

const WAITING_LIST_FIGURES = ['waiting', 'offersOpen', 'offersTaken', 'offersPassed'];

function loadWaitingList() {
  return refreshList(admin('/waiting-list'), 'waitingList', showWaitingList, (summary) => summary);
}

/** The list's figures; an event nobody ever joined the list of (most, before a sell-out) says so in words instead. */
function showWaitingList(summary) {
  for (const key of WAITING_LIST_FIGURES) $('waitlist-' + key).textContent = count(summary?.[key]);
  const anyone = WAITING_LIST_FIGURES.some((key) => summary?.[key] > 0);
  $('waitlist-figures').hidden = !anyone;
  $('waitlist-empty').hidden = anyone;
}

// --- Change log --------------------------------------------------------------------------------------

const asList = (answer) => (Array.isArray(answer) ? answer : (answer?.items || []));

/**
 * Reads one of the panels the page refreshes, and draws what {@code pick} takes of the answer (a list,
 * by default) with {@code draw}, only when it changed.
 */
async function refreshList(path, name, draw, pick = asList) {
  if (!state.token) return;
  let answer;
  try {
    answer = await api('GET', path);
  } catch (e) {
    if (!endsSession(e)) alertUser(e.message);
    return;
  }
  const value = pick(answer);
  const shown = JSON.stringify(value);
  if (shown === state.shown[name]) return; // unchanged: no redraw, no announcement
  state.shown[name] = shown;
  draw(value);
}

function loadChanges() {
  return refreshList(admin('/queue/changes'), 'changes', showChanges);
}

function showChanges(list) {
  const sorted = [...list].sort((a, b) => Date.parse(b.changedAt) - Date.parse(a.changedAt) || (b.id ?? 0) - (a.id ?? 0));
  $('changes').replaceChildren(...sorted.map(changeItem));
  $('changes-empty').hidden = sorted.length > 0;
}

function who(changedBy) {
  if (changedBy == null) return 'someone';
  if (typeof changedBy === 'object') return changedBy.email || changedBy.name || 'user ' + changedBy.id;
  return typeof changedBy === 'number' || /^\d+$/.test(changedBy) ? 'user ' + changedBy : String(changedBy);
}

function shownValue(value) {
  if (value == null || value === '') return 'none';
  if (Array.isArray(value)) {
    return value.length ? value.map((p) => (p.mode || '?') + ' ' + new Date(p.from).toLocaleString() + '–' + new Date(p.to).toLocaleString()).join(', ') : 'none';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function changeItem(change) {
  const item = document.createElement('li');
  const when = document.createElement('time');
  when.className = 'when';
  when.dateTime = change.changedAt;
  when.textContent = new Date(change.changedAt).toLocaleString();
  const by = document.createElement('span');
  by.className = 'who';
  by.textContent = change.changedByEmail || who(change.changedBy);
  const what = document.createElement('span');
  what.className = 'what';
  const before = change.before || {};
  const after = change.after || {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const part = document.createElement('span');
    const was = document.createElement('del');
    was.textContent = shownValue(before[key]);
    const now = document.createElement('ins');
    now.textContent = shownValue(after[key]);
    part.append((SETTING_NAMES[key] || key) + ': ', was, ' → ', now);
    what.append(part);
  }
  if (!what.childElementCount) what.textContent = 'no change';
  item.append(when, by, what);
  return item;
}

// --- Start ---------------------------------------------------------------------------------------

(async () => {
  if (!(await loadEvent())) return;
  if (state.token) {
    await start();
  } else {
    show('signin');
  }
})();
