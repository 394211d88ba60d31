// The buyer's page: sign in, solve the line's door (a proof of work, in pow-worker.js), wait in line
// with the position pushed over Server-Sent Events, then choose and hold seats with the admission
// pass, and buy them before the hold expires. A presale's access code (typed, or a link's ?code=)
// enters that presale lane's own line instead of the public one.
// Plain JavaScript against the public API; every error is shown as the API's problem detail.
'use strict';

const MAP_LIMIT = 2000; // larger venues offer best-available only
// A buyer on the waiting list with no stream open (it ended a while after the sell-out, or never
// opened for an arrival after it) learns of an offer by reading the list this often.
const WAITLIST_POLL_MS = 15_000;
const params = new URLSearchParams(location.search);
const eventId = params.get('event');
const $ = (id) => document.getElementById(id);

// The access code of the lane the buyer goes for, kept for the tab so that a reload or a lost pass
// goes back into that lane's line. A link's ?code= is taken off the address at once: the code is a
// ticket to a presale, and has no place in the history or in a screenshot someone shares.
const CODE_KEY = 'ticketing.code.' + eventId;
if (params.get('code')?.trim()) {
  sessionStorage.setItem(CODE_KEY, params.get('code').trim());
  params.delete('code');
  history.replaceState(null, '', location.pathname + '?' + params);
}

const state = { token: sessionStorage.getItem('ticketing.token'), pass: null, firstPosition: null, stream: null, selected: new Set(),
  reservation: null, countdown: null, skew: 0, pendingHold: null, solver: null, code: sessionStorage.getItem(CODE_KEY), lane: null,
  offer: null, offerCountdown: null, listPoll: null };

function show(view) {
  for (const section of document.querySelectorAll('main > section')) {
    section.hidden = section.id !== 'view-' + view;
  }
  const heading = $('view-' + view)?.querySelector('h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function alertUser(message) {
  $('alert').textContent = message;
  $('alert').hidden = !message;
}

/** The organiser's message from the latest answer or position update; none hides it. */
function showOperatorMessage(message) {
  if ($('operator-message').textContent !== (message || '')) $('operator-message').textContent = message || '';
  $('operator-message').hidden = !message;
}

// Problem details are written for API callers; where one names ids or API steps, a buyer reads this instead.
const BUYER_WORDS = {
  'seats-taken': 'Someone else has just taken one of those seats. The map now shows what is left: please choose again.',
  'admission-required': 'Your turn to buy has ended. We are putting you back in line.',
  'busy': 'Too many buyers at this very moment, and your request was not taken.',
};

/** Calls the API (api-client.js); a problem detail becomes an Error whose message is the detail, in words. */
const api = apiClient({
  token: () => state.token,
  words: BUYER_WORDS,
  unreachable: 'We cannot reach the ticket service right now. Check your connection; we will keep trying.',
  onResponse: (response) => noteServerTime(Date.parse(response.headers.get('Date'))),
});

// A device's clock can be minutes off; holds expire by the server's. The Date header has whole
// seconds only, so a difference within its precision is left alone rather than trusted, and the
// server's time is taken at the end of its second: a countdown may end a moment early, never late.
function noteServerTime(serverMillis) {
  if (Number.isNaN(serverMillis)) return;
  const skew = serverMillis + 1000 - Date.now();
  state.skew = Math.abs(skew) > 2000 ? skew : 0;
}

function duration(seconds) {
  if (seconds == null) return '–';
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? 'about ' + minutes + ' min' : 'about ' + Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

async function loadEvent() {
  if (!eventId || !/^\d+$/.test(eventId)) {
    $('event-name').textContent = 'No event chosen';
    alertUser('Open this page with an event, for example /waiting-room.html?event=1.');
    return false;
  }
  try {
    const event = await api('GET', '/events/' + eventId);
    $('event-name').textContent = event.name;
    $('event-meta').textContent = event.venue + ' · ' + new Date(event.startsAt).toLocaleString();
    state.event = event;
    alertUser('');
    return true;
  } catch (e) {
    if (e.status === 0 || e.status === 503 || e.status === 429) {
      // The service is out of reach or shedding load: a hot sale's first seconds. Keep trying.
      alertUser(e.message);
      await new Promise((resolve) => setTimeout(resolve, Math.max(3, e.retryAfter) * 1000));
      return loadEvent();
    }
    $('event-name').textContent = 'Event not available';
    alertUser(e.message);
    return false;
  }
}

// --- Signing in -------------------------------------------------------------------------------

let signingUp = false;
$('signup-toggle').addEventListener('click', () => {
  signingUp = !signingUp;
  $('name-row').hidden = !signingUp;
  $('signin-title').textContent = signingUp ? 'Create an account to join the line' : 'Sign in to join the line';
  $('password').autocomplete = signingUp ? 'new-password' : 'current-password';
  $('signin-button').textContent = signingUp ? 'Create account and join the line' : 'Sign in and join the line';
  $('signup-toggle').textContent = signingUp ? 'Already have an account? Sign in' : 'New here? Create an account';
});

function showCodeRow(open) {
  $('code-row').hidden = !open;
  $('code-toggle').setAttribute('aria-expanded', String(open));
}

$('code-toggle').addEventListener('click', () => {
  showCodeRow($('code-row').hidden);
  if (!$('code-row').hidden) $('access-code').focus();
});

$('signin-form').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  alertUser('');
  // The code row, open with a code in it, is the buyer's choice of line; closed, the public one.
  const code = $('code-row').hidden ? '' : $('access-code').value.trim();
  if (code) {
    state.code = code;
  } else {
    forgetCode();
  }
  const email = $('email').value.trim();
  const password = $('password').value;
  try {
    if (signingUp) {
      await api('POST', '/users', { email, password, name: $('name').value.trim() || email.split('@')[0] });
    }
    const token = await api('POST', '/auth/token', { email, password });
    state.token = token.accessToken;
    sessionStorage.setItem('ticketing.token', state.token);
    await enter();
  } catch (e) {
    alertUser(e.message);
  }
});

// --- Getting ready: the door --------------------------------------------------------------

/**
 * The entry's proof of work: the event's current challenge and a counter whose SHA-256 of
 * challenge + ":" + counter begins with the challenge's `bits` zero bits. With the door off (0 bits)
 * any counter does, so "0" goes at once. The search runs in a Web Worker, so the page stays responsive however long it
 * takes; a challenge that expires meanwhile is swapped for a fresh one, since the service refuses
 * an expired one.
 */
async function proofOfWork() {
  for (;;) {
    const challenge = await api('GET', '/events/' + eventId + '/queue/challenge');
    if (!challenge.bits) return { challenge: challenge.challenge, counter: '0' };
    showReadiness(0, 'Getting ready…');
    const counter = await solve(challenge);
    if (counter != null) return { challenge: challenge.challenge, counter };
    showReadiness(0, 'Still getting ready…');
  }
}

function showReadiness(done, status) {
  if ($('view-ready').hidden) show('ready');
  const percent = String(Math.floor(100 * done));
  $('ready-progress').setAttribute('aria-valuenow', percent);
  $('ready-progress-bar').style.width = percent + '%';
  // The live region speaks only when the words change, not at every step of the bar.
  if (status && $('ready-status').textContent !== status) $('ready-status').textContent = status;
}

/** Answers the solving counter, or null when the challenge expired first. */
function solve(challenge) {
  stopSolving();
  return new Promise((resolve, reject) => {
    const worker = new Worker('pow-worker.js');
    const expected = 2 ** challenge.bits;
    // On the service's clock; a challenge that looks expired already is tried anyway: the device's
    // clock may be wrong, and the service judges. One without a readable expiry is solved to the end.
    const left = Date.parse(challenge.expiresAt) - (Date.now() + state.skew);
    const expiry = Number.isNaN(left) ? null : setTimeout(() => { stopSolving(); resolve(null); }, Math.max(left, 5000));
    state.solver = { worker, expiry };
    worker.onmessage = (message) => {
      const { type, tried, counter } = message.data;
      if (type === 'progress') {
        // The chance that a device trying this many counters has found one by now.
        showReadiness(1 - Math.exp(-tried / expected));
      } else if (type === 'solved') {
        stopSolving();
        showReadiness(1, 'Ready. Joining the line…');
        resolve(counter);
      }
    };
    worker.onerror = (error) => {
      stopSolving();
      reject(new Error('This browser could not get ready to join the line (' + (error.message || 'no Web Worker') + ').'));
    };
    worker.postMessage({ challenge: challenge.challenge, bits: challenge.bits });
  });
}

/** Ends a search under way; whoever awaited it is forgotten, a newer entry having taken over. */
function stopSolving() {
  if (!state.solver) return;
  state.solver.worker.terminate();
  clearTimeout(state.solver.expiry);
  state.solver = null;
}

// --- Waiting --------------------------------------------------------------------------------

async function enter() {
  const code = state.code;
  try {
    const entry = await proofOfWork();
    if (code) entry.accessCode = code;
    handleSnapshot(await api('POST', '/events/' + eventId + '/queue', entry));
  } catch (e) {
    if (e.status === 401) return signOut('Please sign in again.');
    if (code && CODE_PROBLEMS.has(e.type?.slice(e.type.lastIndexOf(':') + 1))) return codeRefused(code, e);
    alertUser(e.message);
    if (e.status === 0 || e.status === 503 || e.status === 429) setTimeout(enter, Math.max(2, e.retryAfter) * 1000);
  }
}

function handleSnapshot(snapshot) {
  showLine(snapshot);
  showOperatorMessage(snapshot.message);
  switch (snapshot.state) {
    case 'ADMITTED': return admitted(snapshot.pass);
    case 'SOLD_OUT': return soldOut(snapshot.waitingList);
    // With a message, the organiser closed the line (for now, maybe): their words say more than ours.
    case 'CLOSED': return snapshot.message
      ? ended('The organiser has closed the line to new arrivals. Their message is above.', 'The line is closed')
      : ended('Sales for this event are closed.');
    default:
      show('queue');
      updatePosition(snapshot);
      listen(snapshot.streamUrl);
  }
}

/** Which line the page follows: a presale lane's (by its name where the answer gives one) or the public one. */
function showLine(snapshot) {
  state.lane = snapshot.lane ?? null;
  if (state.lane && state.code) sessionStorage.setItem(CODE_KEY, state.code);
  $('line-name').textContent = state.lane ? 'Presale: ' + (snapshot.laneName || 'presale lane') : '';
  $('line-name').hidden = !state.lane;
  $('queue-code').hidden = !!state.lane;
}

/** The query naming the lane whose line the page follows, for polls and leaving; none for the public line. */
function laneQuery() {
  return state.lane ? '?lane=' + state.lane : '';
}

/**
 * A poll's query: the lane, and the ticket of the newest stream URL, whose signed place puts this
 * waiter back where they were should the waiting room have forgotten them.
 */
function pollQuery() {
  const params = new URLSearchParams(laneQuery());
  const ticket = state.streamUrl ? new URL(state.streamUrl, location.href).searchParams.get('ticket') : null;
  if (ticket) params.set('ticket', ticket);
  const query = params.toString();
  return query ? '?' + query : '';
}

function updatePosition(update) {
  showOperatorMessage(update.message);
  $('prequeue').hidden = !update.preQueue;
  if (update.preQueue || update.position == null) {
    $('position').textContent = '–';
    $('ahead').textContent = '–';
    $('eta').textContent = 'when sales open';
    const opens = state.event ? new Date(state.event.salesOpenAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : null;
    $('queue-status').textContent = opens
      ? 'You are in the pre-queue. Sales open ' + opens + '; your place is drawn then.'
      : 'You are in the pre-queue. Your place is drawn when sales open.';
    return;
  }
  if (state.firstPosition == null || update.position > state.firstPosition) state.firstPosition = update.position;
  const done = state.firstPosition <= 1 ? 100 : Math.round(100 * (state.firstPosition - update.position) / (state.firstPosition - 1));
  $('position').textContent = update.position.toLocaleString();
  $('ahead').textContent = update.aheadOfYou.toLocaleString();
  $('eta').textContent = duration(update.etaSeconds);
  $('progress').setAttribute('aria-valuenow', String(done));
  $('progress-bar').style.width = done + '%';
  $('queue-status').textContent = update.aheadOfYou === 0
    ? 'You are next. Stay on this page.'
    : 'You are number ' + update.position.toLocaleString() + ' in line, ' + update.aheadOfYou.toLocaleString() + ' ahead of you.';
}

/**
 * The live stream; the place is kept by the server. Its URL's ticket opens streams for a few minutes
 * only, so the stream sends fresh ones, and a lost connection is opened again with the newest rather
 * than left to EventSource, which would retry the URL it started with.
 */
function listen(streamUrl) {
  if (state.stream) state.stream.close();
  const stream = new EventSource(streamUrl);
  state.stream = stream;
  state.streamUrl = streamUrl;
  let newest = streamUrl;
  // Whether this connection has said sold-out: it says so once and stays open for offers, then says it
  // again as it ends (after ticketing.queue.sold-out-linger). A reconnection starts over.
  let toldSoldOut = false;
  const data = (message) => JSON.parse(message.data);
  stream.addEventListener('open', () => { alertUser(''); toldSoldOut = false; });
  stream.addEventListener('ticket', (message) => { newest = state.streamUrl = data(message).streamUrl; });
  stream.addEventListener('position', (message) => updatePosition(data(message)));
  stream.addEventListener('admitted', (message) => { stream.close(); admitted(data(message).pass); });
  stream.addEventListener('sold-out', (message) => {
    const { waitingList } = data(message);
    // Left open, EventSource would open the stream again once it ends: a lane's ends at once (it has no waiting
    // list), the public line's a while later, after which the page reads the waiting list itself.
    if (!waitingList || toldSoldOut) {
      stream.close();
      if (toldSoldOut) return offerWaitingList();
    }
    toldSoldOut = true;
    soldOut(waitingList);
  });
  stream.addEventListener('offer', () => offerWaitingList());
  stream.addEventListener('closed', () => { stream.close(); ended('Sales for this event are closed.'); });
  stream.addEventListener('left', () => { stream.close(); show('signin'); alertUser('You are no longer in line. Join again to get a new place.'); });
  stream.addEventListener('reconnect', () => { $('queue-status').textContent = 'Moving you to another server. You keep your place…'; });
  stream.addEventListener('error', () => {
    if (stream.readyState !== EventSource.CLOSED && newest !== streamUrl) {
      $('queue-status').textContent = 'Connection lost. Reconnecting, you keep your place…';
      listen(newest);
    } else if (stream.readyState === EventSource.CLOSED) {
      // The browser gave up (the server refused the stream): ask where we stand and start again.
      $('queue-status').textContent = 'Connection lost. Checking your place…';
      setTimeout(recover, 3000);
    } else {
      $('queue-status').textContent = 'Connection lost. Reconnecting, you keep your place…';
    }
  });
}

async function recover() {
  try {
    handleSnapshot(await api('GET', '/events/' + eventId + '/queue/me' + pollQuery()));
  } catch (e) {
    if (e.status === 404) return enter();
    if (e.status === 401) return signOut('Please sign in again.');
    alertUser(e.message);
    setTimeout(recover, Math.max(3, e.retryAfter) * 1000);
  }
}

$('leave-button').addEventListener('click', async () => {
  if (state.stream) state.stream.close();
  // Left on purpose: no place to be put back to.
  state.streamUrl = null;
  try {
    await api('DELETE', '/events/' + eventId + '/queue/me' + laneQuery());
  } catch (e) {
    alertUser(e.message);
  }
  forgetCode();
  show('signin');
  alertUser('You left the line.');
});

// --- Access codes ---------------------------------------------------------------------------

// The problems of a code that enters no line; each one's detail says why, and the buyer may fix the code.
const CODE_PROBLEMS = new Set(['code-unknown', 'code-taken', 'code-used', 'code-expired', 'lane-closed']);

function forgetCode() {
  state.code = null;
  sessionStorage.removeItem(CODE_KEY);
}

/** The refused code back in its field, with the problem's words; the buyer fixes it or joins the public line. */
function codeRefused(code, e) {
  forgetCode();
  $('code-input').value = code;
  show('code');
  alertUser(localTimes(e.message));
}

/** The service writes instants as ISO 8601 in UTC (a lane's opening, say); a buyer reads them in their own time. */
function localTimes(text) {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g,
    (instant) => new Date(instant).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }));
}

$('queue-code').addEventListener('click', () => {
  alertUser('');
  $('code-input').value = '';
  show('code');
});

$('code-form').addEventListener('submit', async (submit) => {
  submit.preventDefault();
  const code = $('code-input').value.trim();
  if (!code) {
    alertUser('Type the access code you were given.');
    $('code-input').focus();
    return;
  }
  alertUser('');
  const fromPublicLine = !state.lane && state.stream?.readyState === EventSource.OPEN;
  state.code = code;
  await enter();
  // One line at a time: whoever moved into a lane's line gives up the public place rather than let
  // it reach the front unused. Should this fail, the place is skipped as gone once nobody polls it.
  if (fromPublicLine && state.lane) api('DELETE', '/events/' + eventId + '/queue/me').catch(() => {});
});

$('public-button').addEventListener('click', () => {
  alertUser('');
  forgetCode();
  enter();
});

function soldOut(waitingList) {
  ended('Every ticket has been sold. Thank you for waiting.', 'Sold out');
  if (waitingList) offerWaitingList();
}

/** Shows the waiting list: the buyer's place when already on it, else the way to join. */
async function offerWaitingList() {
  $('waitlist').hidden = false;
  try {
    showWaitingListPlace(await api('GET', '/events/' + eventId + '/waiting-list'));
  } catch (e) {
    if (e.status === 404) return showWaitingListPlace(null);
    // Out of reach for a moment: what the page shows stands, and a buyer it shows on the list (who may leave it) is asked for again.
    alertUser(e.message);
    pollWaitingList(!$('waitlist-leave').hidden);
  }
}

/** Whether a stream is open or opening, to push an offer: then the page need not ask. */
function streaming() {
  return state.stream != null && state.stream.readyState !== EventSource.CLOSED;
}

/** Reads the list again in a while if the buyer is on it ({@code listed}) and no stream would tell them of an offer. */
function pollWaitingList(listed) {
  clearTimeout(state.listPoll);
  state.listPoll = listed && !streaming() ? setTimeout(offerWaitingList, WAITLIST_POLL_MS) : null;
}

function stopWaitingList() {
  pollWaitingList(false);
  clearInterval(state.offerCountdown);
}

function showWaitingListPlace(place) {
  $('waitlist-join').hidden = !!place;
  $('waitlist-leave').hidden = !place;
  pollWaitingList(!!place);
  const offer = place?.offer?.status === 'OFFERED' ? place.offer : null;
  $('waitlist-offer').hidden = !offer;
  clearInterval(state.offerCountdown);
  if (offer) {
    state.offer = offer;
    $('waitlist-take').textContent = offer.seatIds.length === 1 ? 'Take this seat' : 'Take these seats';
    const until = new Date(new Date(offer.expiresAt).getTime() - state.skew).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    $('waitlist-status').textContent = offer.seatIds.length === 1
      ? 'A seat came back for you. Take it before ' + until + ', or it goes to the next buyer on the list.'
      : offer.seatIds.length + ' seats came back for you. Take them before ' + until + ', or they go to the next buyer on the list.';
    state.offerCountdown = countDown($('offer-countdown'), offer.expiresAt);
    return;
  }
  $('waitlist-status').textContent = place
    ? 'You are number ' + place.position + ' on the waiting list.'
    : '';
}

// An offer is taken like a hold, with its id and no pass: the offer is the grant.
$('waitlist-take').addEventListener('click', async () => {
  alertUser('');
  try {
    const reservation = await api('POST', '/events/' + eventId + '/reservations', { offerId: state.offer.offerId },
      { 'Idempotency-Key': idempotencyKey() });
    if (state.stream) state.stream.close();
    stopWaitingList();
    held(reservation);
  } catch (e) {
    alertUser(e.message);
    offerWaitingList();
  }
});

$('waitlist-join').addEventListener('click', async () => {
  try {
    showWaitingListPlace(await api('POST', '/events/' + eventId + '/waiting-list'));
  } catch (e) {
    alertUser(e.message);
  }
});

$('waitlist-leave').addEventListener('click', async () => {
  try {
    await api('DELETE', '/events/' + eventId + '/waiting-list');
    showWaitingListPlace(null);
    $('waitlist-status').textContent = 'You left the waiting list.';
  } catch (e) {
    alertUser(e.message);
  }
});

function ended(message, title = 'This sale has ended') {
  stopWaitingList();
  $('waitlist').hidden = true;
  $('ended-title').textContent = title;
  $('ended-detail').textContent = message;
  show('ended');
}

function signOut(message) {
  stopWaitingList();
  sessionStorage.removeItem('ticketing.token');
  state.token = null;
  show('signin');
  alertUser(message);
}

// --- Choosing and holding seats -------------------------------------------------------------

/** Shows the seat map to an admitted buyer, with a notice when they are back here after a hold ended. */
async function admitted(pass, notice = '') {
  state.pass = pass;
  alertUser(notice);
  show('seats');
  offerUpTo(maxSeats());
  await drawSeatMap();
}

/** The most seats one reservation may take, as the event's detail says. */
function maxSeats() {
  return state.event.maxSeatsPerReservation;
}

function offerUpTo(max) {
  $('max-seats').textContent = max;
  const quantity = $('quantity');
  quantity.textContent = '';
  for (let n = 1; n <= max; n++) quantity.append(new Option(String(n), String(n), false, n === Math.min(2, max)));
}

async function drawSeatMap() {
  const map = $('seat-map');
  state.selected.clear();
  updateSelection();
  if (state.event && state.event.capacity > MAP_LIMIT) {
    map.textContent = 'This venue is too large for a seat map here: choose how many seats and we hold the best ones.';
    return;
  }
  map.textContent = 'Loading the seat map…';
  try {
    const seats = [];
    let cursor = '';
    do {
      const page = await api('GET', '/events/' + eventId + '/seats?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      seats.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    renderSeats(map, seats);
  } catch (e) {
    map.textContent = '';
    alertUser(e.message);
  }
}

function renderSeats(map, seats) {
  map.textContent = '';
  const sections = new Map();
  for (const seat of seats) {
    if (!sections.has(seat.section)) sections.set(seat.section, new Map());
    const rows = sections.get(seat.section);
    if (!rows.has(seat.row)) rows.set(seat.row, []);
    rows.get(seat.row).push(seat);
  }
  for (const [section, rows] of sections) {
    const group = document.createElement('div');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Section ' + section);
    const title = document.createElement('p');
    title.className = 'section-name';
    title.textContent = section;
    group.append(title);
    for (const [row, rowSeats] of rows) {
      const line = document.createElement('div');
      line.className = 'row';
      const label = document.createElement('span');
      label.className = 'row-label';
      label.textContent = 'Row ' + row;
      line.append(label);
      for (const seat of rowSeats.sort((a, b) => a.number - b.number)) line.append(seatButton(section, row, seat));
      group.append(line);
    }
    map.append(group);
  }
}

function seatButton(section, row, seat) {
  // A seat on sale in another line (a presale lane's, or the public sale's for a lane's buyer) is not this buyer's to take.
  const elsewhere = seat.status === 'AVAILABLE' && (seat.lane ?? null) !== (state.lane ?? null);
  const status = elsewhere ? 'elsewhere' : seat.status.toLowerCase();
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'seat ' + status;
  button.dataset.seatId = seat.id;
  button.title = section + ', row ' + row + ', seat ' + seat.number + ' (' + (elsewhere ? (seat.lane ? 'presale' : 'public sale') : status) + ')';
  button.setAttribute('aria-label', button.title);
  if (status !== 'available') {
    button.disabled = true;
    return button;
  }
  button.setAttribute('aria-pressed', 'false');
  button.addEventListener('click', () => {
    if (state.selected.has(seat.id)) {
      state.selected.delete(seat.id);
    } else if (state.selected.size < maxSeats()) {
      state.selected.add(seat.id);
    } else {
      $('selection').textContent = 'You can choose at most ' + maxSeats() + ' seats.';
      return;
    }
    button.setAttribute('aria-pressed', String(state.selected.has(seat.id)));
    updateSelection();
  });
  return button;
}

function updateSelection() {
  const count = state.selected.size;
  $('selection').textContent = count === 0 ? 'No seats chosen yet.' : count + (count === 1 ? ' seat' : ' seats') + ' chosen.';
  $('hold-button').disabled = count === 0;
}

/**
 * A fresh random Idempotency-Key. crypto.randomUUID exists only in secure contexts, like
 * crypto.subtle (see pow-worker.js); getRandomValues exists everywhere, so a page on plain http
 * from another host makes its version-4 UUID itself.
 */
function idempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}

/** Failures after which the hold may still have been made: the same request goes again under the same key. */
function mayHaveHappened(e) {
  return e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504;
}

async function hold(body) {
  alertUser('');
  // One Idempotency-Key per intended hold: a retry of the same seats, by the page or by the buyer,
  // answers the hold that may already have been made instead of making a second one.
  const request = JSON.stringify(body);
  if (state.pendingHold?.request !== request) state.pendingHold = { request, key: idempotencyKey() };
  for (let attempt = 1; ; attempt++) {
    try {
      const reservation = await api('POST', '/events/' + eventId + '/reservations', body,
        { 'Admission-Pass': state.pass, 'Idempotency-Key': state.pendingHold.key });
      state.pendingHold = null;
      return held(reservation);
    } catch (e) {
      if (mayHaveHappened(e) && attempt < 3) {
        alertUser('The ticket service is busy; trying again in a moment…');
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, e.retryAfter) * 1000));
        continue;
      }
      if (!mayHaveHappened(e)) state.pendingHold = null;
      alertUser(e.message);
      if (e.type?.endsWith(':seats-taken')) await drawSeatMap();
      if (e.type?.endsWith(':sold-out')) ended('Every ticket has been sold.');
      if (e.type?.endsWith(':admission-required')) { show('queue'); enter(); }
      return;
    }
  }
}

$('hold-button').addEventListener('click', () => hold({ seatIds: [...state.selected] }));
$('best-button').addEventListener('click', () => hold({ quantity: Number($('quantity').value) }));

function listSeats(list, seats) {
  list.textContent = '';
  for (const seat of seats) {
    const item = document.createElement('li');
    item.textContent = seat.section + ', row ' + seat.row + ', seat ' + seat.number;
    list.append(item);
  }
}

/**
 * Counts down to {@code until} (an instant, on the service's clock) in {@code element} as m:ss, every
 * second; calls {@code over} at 0:00. Answers the interval, which ends itself at 0:00.
 */
function countDown(element, until, over = () => {}) {
  const timer = setInterval(tick, 1000);
  function tick() {
    const left = Math.max(0, Math.round((new Date(until) - (Date.now() + state.skew)) / 1000));
    element.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) {
      clearInterval(timer);
      over();
    }
  }
  tick();
  return timer;
}

function held(reservation) {
  state.reservation = reservation;
  listSeats($('held-seats'), reservation.seats);
  show('hold');
  clearInterval(state.countdown);
  state.countdown = countDown($('countdown'), reservation.holdExpiresAt,
    () => admitted(state.pass, 'Your hold expired and the seats went back on sale. You can choose again.'));
}

$('confirm-button').addEventListener('click', async () => {
  alertUser('');
  try {
    const sold = await api('POST', '/reservations/' + state.reservation.id + '/confirm', undefined, { 'Idempotency-Key': idempotencyKey() });
    clearInterval(state.countdown);
    $('reservation-id').textContent = '#' + sold.id;
    listSeats($('bought-seats'), sold.seats);
    show('done');
  } catch (e) {
    if (e.type.endsWith(':hold-expired')) {
      clearInterval(state.countdown);
      return admitted(state.pass, sentence(e.message) + ' You can choose again.');
    }
    alertUser(e.message);
  }
});

$('cancel-button').addEventListener('click', async () => {
  try {
    await api('DELETE', '/reservations/' + state.reservation.id);
    clearInterval(state.countdown);
    admitted(state.pass);
  } catch (e) {
    alertUser(e.message);
  }
});

// --- Start --------------------------------------------------------------------------------

(async () => {
  if (!(await loadEvent())) return;
  if (state.token) {
    await enter();
  } else {
    // A link's code waits in the sign-in form, in view, for the buyer to sign in with.
    $('access-code').value = state.code || '';
    showCodeRow(!!state.code);
    show('signin');
  }
})();
