// The lanyan dashboard: plain JavaScript, no framework, no build step. It
// reads the reference API with an API key kept in localStorage and draws a
// project from it. Charts are the API's SVG documents, fetched with the key
// and put inline (so that the page, its CSS and a test can reach their
// elements). Numbers are kept as the decimal text the API sent and rounded
// as text, never through floating point.
'use strict';

(() => {
  const KEY_STORE = 'lanyan.apiKey';
  const LANG_STORE = 'lanyan.lang';
  const GANTT_PAGE = 300; // rows of the Gantt chart on one page

  const I18N = {
    en: {
      appTitle: 'Project controls',
      welcome: 'Open the dashboard',
      keyHelp: 'Enter an API key of your tenant. On a new database the server printed the first admin key when it started.',
      apiKey: 'API key / 接口密钥',
      open: 'Open',
      keyStored: 'The key is kept in this browser only (localStorage). A viewer key is enough.',
      changeKey: 'Change key',
      keyRefused: 'The API key was refused (401)',
      keyRequired: 'Enter an API key.',
      tenant: 'Tenant',
      projects: 'Projects',
      noProjects: 'No projects yet.',
      chooseProject: 'Choose a project on the left.',
      dataDate: 'Data date',
      none: 'none',
      statusDate: 'Status date',
      period: 'Period',
      weekly: 'Weekly',
      monthly: 'Monthly',
      refresh: 'Refresh',
      indices: 'Key indices',
      asOf: 'as of {date}',
      spi: 'Schedule performance index (EV/PV)',
      cpi: 'Cost performance index (EV/AC)',
      eac: 'Estimate at completion (BAC/CPI)',
      vac: 'Variance at completion (BAC − EAC)',
      spit: 'Schedule performance by earned schedule (ES/AT)',
      bac: 'Budget at completion (BAC)',
      pv: 'Planned value (PV)',
      ev: 'Earned value (EV)',
      ac: 'Actual cost (AC)',
      gantt: 'Gantt chart',
      links: 'Links',
      baseline: 'Baseline',
      prev: 'Previous',
      next: 'Next',
      rows: 'rows {from}–{to} of {total}',
      legendCritical: 'Critical',
      legendNormal: 'Not critical',
      legendFloat: 'Total float',
      legendBaseline: 'Baseline',
      legendSummary: 'WBS summary',
      sCurve: 'S-curve (cumulative PV, EV, AC)',
      indexTrend: 'SPI and CPI trend',
      labour: 'Day-work labour',
      byTeam: 'By team',
      byTrade: 'By trade',
      workDays: 'Work-days',
      amount: 'Amount',
      team: 'Team',
      trade: 'Trade',
      slips: 'Slips',
      overtimeHours: 'Overtime hours',
      total: 'Total',
      noLabour: 'No day-work slips for this project.',
      checks: "Checks' findings",
      noFindings: 'No findings: the slips are consistent.',
      slipsOf: 'slips',
      worker: 'worker',
      loading: 'Loading…',
      failed: 'Could not load this',
      footer: 'The lanyan reference server',
      apiDocs: 'API documentation',
      'rule.duplicate': 'Duplicate',
      'rule.over-24-hours': 'Over 24 hours',
      'rule.two-sites': 'Two sites in a day',
      'rule.future-date': 'Future date',
      'rule.pending-too-long': 'Pending too long',
      'rule.no-attendance': 'No attendance',
      langToggle: '中文',
    },
    zh: {
      appTitle: '项目控制看板',
      welcome: '打开看板',
      keyHelp: '请输入本租户的接口密钥。新数据库首次启动时，服务器已打印第一个管理员密钥。',
      apiKey: '接口密钥 / API key',
      open: '打开',
      keyStored: '密钥只保存在本浏览器中（localStorage）。只读（viewer）密钥即可。',
      changeKey: '更换密钥',
      keyRefused: '接口密钥被拒绝（401）',
      keyRequired: '请输入接口密钥。',
      tenant: '租户',
      projects: '项目',
      noProjects: '还没有项目。',
      chooseProject: '请在左侧选择一个项目。',
      dataDate: '数据日期',
      none: '无',
      statusDate: '状态日期',
      period: '周期',
      weekly: '按周',
      monthly: '按月',
      refresh: '刷新',
      indices: '关键指标',
      asOf: '截至 {date}',
      spi: '进度绩效指数（EV/PV）',
      cpi: '成本绩效指数（EV/AC）',
      eac: '完工估算（BAC/CPI）',
      vac: '完工偏差（BAC − EAC）',
      spit: '挣得进度的进度绩效指数（ES/AT）',
      bac: '完工预算（BAC）',
      pv: '计划值（PV）',
      ev: '挣值（EV）',
      ac: '实际成本（AC）',
      gantt: '横道图',
      links: '逻辑关系',
      baseline: '基准',
      prev: '上一页',
      next: '下一页',
      rows: '第 {from}–{to} 行，共 {total} 行',
      legendCritical: '关键工作',
      legendNormal: '非关键工作',
      legendFloat: '总时差',
      legendBaseline: '基准',
      legendSummary: 'WBS 汇总',
      sCurve: 'S 曲线（累计 PV、EV、AC）',
      indexTrend: 'SPI 与 CPI 趋势',
      labour: '点工',
      byTeam: '按班组',
      byTrade: '按工种',
      workDays: '工日',
      amount: '金额',
      team: '班组',
      trade: '工种',
      slips: '点工单',
      overtimeHours: '加班工时',
      total: '合计',
      noLabour: '本项目没有点工单。',
      checks: '检查发现',
      noFindings: '未发现问题：点工单一致。',
      slipsOf: '点工单',
      worker: '工人',
      loading: '加载中…',
      failed: '无法加载',
      footer: 'lanyan 参考服务器',
      apiDocs: '接口文档',
      'rule.duplicate': '重复点工',
      'rule.over-24-hours': '一天超过 24 小时',
      'rule.two-sites': '同日两个工地',
      'rule.future-date': '未来日期',
      'rule.pending-too-long': '待审批过久',
      'rule.no-attendance': '无考勤记录',
      langToggle: 'English',
    },
  };

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  const state = {
    key: '',
    lang: 'en',
    projects: [],
    project: null, // the project shown
    currency: '',
    baseline: null, // the cost record's baseline number
    ganttOffset: 0,
    labourBy: 'team',
    labourValue: 'workDays',
    generation: 0, // ignores answers to requests made for an earlier view
    cache: {}, // the data last drawn, to redraw on a change of language
  };

  // ---- Text -------------------------------------------------------------

  function t(key, vars) {
    let s = I18N[state.lang][key] ?? I18N.en[key] ?? key;
    if (vars) {
      s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
    }
    return s;
  }

  function applyLang() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = 'lanyan · ' + t('appTitle');
    for (const el of $$('[data-i18n]')) {
      el.textContent = t(el.dataset.i18n);
    }
    const toggle = $('#lang-toggle');
    toggle.textContent = t('langToggle');
    toggle.lang = state.lang === 'zh' ? 'en' : 'zh-CN';
    renderTenant();
    if (state.cache.ev) renderIndices(state.cache.ev);
    if (state.cache.gantt) renderGanttRows(state.cache.gantt);
    if (state.cache.labour) renderLabourTable(state.cache.labour);
    if (state.cache.checks) renderFindings(state.cache.checks);
    renderLabourButtons();
  }

  // ---- Numbers ----------------------------------------------------------

  // decimalParts splits a decimal number's text into sign, integer digits and
  // fraction digits, exponent applied. It returns null for anything else.
  function decimalParts(text) {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(String(text).trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
    let int = m[2] || '0';
    let frac = m[3] || '';
    let exp = m[4] ? parseInt(m[4], 10) : 0;
    if (exp > 0) {
      frac = frac.padEnd(exp, '0');
      int += frac.slice(0, exp);
      frac = frac.slice(exp);
    } else if (exp < 0) {
      int = int.padStart(-exp + 1, '0');
      frac = int.slice(int.length + exp) + frac;
      int = int.slice(0, int.length + exp);
    }
    int = int.replace(/^0+(?=\d)/, '');
    return { neg: m[1] === '-', int, frac };
  }

  // formatDecimal rounds a decimal number's text to places, half away from
  // zero, exactly, and groups the thousands: "-1234.565" → "-1,234.57". Null
  // or undefined (an undefined metric) gives "—".
  function formatDecimal(text, places = 2) {
    if (text === null || text === undefined || text === '') return '—';
    const p = decimalParts(text);
    if (!p) return String(text);
    let digits = p.int + p.frac.padEnd(places, '0').slice(0, places);
    if ((p.frac[places] ?? '0') >= '5') {
      // Add one in the last place, carrying.
      const a = digits.split('');
      let i = a.length - 1;
      for (; i >= 0; i--) {
        if (a[i] === '9') {
          a[i] = '0';
        } else {
          a[i] = String.fromCharCode(a[i].charCodeAt(0) + 1);
          break;
        }
      }
      digits = (i < 0 ? '1' : '') + a.join('');
    }
    let int = digits.slice(0, digits.length - places).replace(/^0+(?=\d)/, '') || '0';
    const frac = digits.slice(digits.length - places);
    int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const zero = /^[0,]*$/.test(int) && /^0*$/.test(frac);
    return (p.neg && !zero ? '-' : '') + int + (places > 0 ? '.' + frac : '');
  }

  // sign is -1, 0 or 1 for a decimal's text.
  function sign(text) {
    const p = decimalParts(text ?? '');
    if (!p || /^0*$/.test(p.int + p.frac)) return 0;
    return p.neg ? -1 : 1;
  }

  // compareOne compares an index's text with 1: -1, 0 or 1.
  function compareOne(text) {
    const p = decimalParts(text ?? '');
    if (!p) return 0;
    if (p.neg) return -1;
    const int = p.int.replace(/^0+/, '');
    if (int === '') return -1; // 0.x
    if (int !== '1') return 1;
    return /^0*$/.test(p.frac) ? 0 : 1;
  }

  // parseJSON keeps every JSON number as its text (money is text already), so
  // nothing is rounded through floating point on the way to the page.
  function parseJSON(text) {
    return JSON.parse(text, (key, value, context) => {
      if (typeof value !== 'number') return value;
      return context && typeof context.source === 'string' ? context.source : String(value);
    });
  }

  // ---- The API ----------------------------------------------------------

  class APIError extends Error {
    constructor(status, detail) {
      super(detail || 'HTTP ' + status);
      this.status = status;
      this.detail = detail;
    }
  }

  async function api(path, kind = 'json') {
    let res;
    try {
      res = await fetch(path, {
        headers: {
          Authorization: 'Bearer ' + state.key,
          Accept: kind === 'svg' ? 'image/svg+xml' : 'application/json',
        },
        cache: 'no-store',
      });
    } catch (err) {
      throw new APIError(0, err.message);
    }
    const text = await res.text();
    if (!res.ok) {
      let detail = '';
      try {
        const p = JSON.parse(text);
        detail = p.detail || p.title || '';
        if (Array.isArray(p.errors) && p.errors.length > 0) {
          detail += ': ' + p.errors.map((e) => e.message + (e.location ? ' (' + e.location + ')' : '')).join('; ');
        }
      } catch {
        detail = res.statusText;
      }
      const err = new APIError(res.status, detail);
      if (res.status === 401) keyRefused(err);
      throw err;
    }
    return kind === 'svg' ? text : parseJSON(text);
  }

  const q = (params) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
    }
    return u.toString();
  };
  const projectPath = (id) => '/projects/' + encodeURIComponent(id);

  // ---- Sections ---------------------------------------------------------

  // section marks a card loading, ready or failed, showing the error.
  function section(id, st, err) {
    const card = document.getElementById(id);
    card.dataset.state = st;
    const notice = $('.notice-error', card);
    if (st === 'error') {
      notice.textContent = t('failed') + ' (' + (err.status || '—') + '): ' + (err.detail || err.message);
      notice.hidden = false;
    } else {
      notice.hidden = true;
      notice.textContent = '';
    }
  }

  // putSVG parses an SVG document and puts it inline in box.
  function putSVG(box, text) {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
      throw new APIError(0, 'not an SVG document');
    }
    box.replaceChildren(document.importNode(svg, true));
    return box.firstElementChild;
  }

  function chartWidth(box) {
    return Math.max(480, Math.min(4000, Math.floor(box.clientWidth || 800)));
  }

  // ---- Key --------------------------------------------------------------

  function showKeyPanel(message) {
    $('#app').hidden = true;
    $('#key-change').hidden = true;
    $('#tenant').hidden = true;
    $('#key-panel').hidden = false;
    const e = $('#key-error');
    e.hidden = !message;
    e.textContent = message || '';
    $('#key-input').focus();
  }

  function keyRefused(err) {
    state.generation++;
    showKeyPanel(t('keyRefused') + ': ' + (err.detail || ''));
  }

  async function useKey(key) {
    state.key = key;
    const tenant = await api('/tenant'); // 401 shows the key panel again
    localStorage.setItem(KEY_STORE, key);
    state.cache.tenant = tenant;
    $('#key-panel').hidden = true;
    $('#key-error').hidden = true;
    $('#app').hidden = false;
    $('#key-change').hidden = false;
    renderTenant();
    await loadProjects();
    route();
  }

  function renderTenant() {
    const el = $('#tenant');
    const tn = state.cache.tenant;
    if (!tn || $('#app').hidden) {
      el.hidden = true;
      return;
    }
    el.textContent = t('tenant') + ': ' + (tn.name || tn.id);
    el.hidden = false;
  }

  // ---- Projects ---------------------------------------------------------

  async function loadProjects() {
    const err = $('#projects-error');
    err.hidden = true;
    const items = [];
    let cursor = '';
    try {
      do {
        const page = await api('/projects?' + q({ limit: 1000, cursor }));
        items.push(...page.items);
        cursor = page.nextCursor || '';
      } while (cursor && items.length < 10000);
    } catch (e) {
      if (e.status === 401) return;
      err.textContent = t('failed') + ': ' + (e.detail || e.message);
      err.hidden = false;
    }
    state.projects = items;
    const list = $('#project-list');
    list.replaceChildren();
    if (items.length === 0) {
      const li = document.createElement('li');
      li.className = 'muted';
      li.textContent = t('noProjects');
      list.append(li);
    }
    for (const p of items) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = '#/projects/' + encodeURIComponent(p.id);
      a.className = 'project-link';
      a.dataset.project = p.id;
      a.dataset.testid = 'project-' + p.id;
      const name = document.createElement('span');
      name.className = 'project-link-name';
      name.textContent = p.name || p.id;
      const id = document.createElement('span');
      id.className = 'project-link-id mono';
      id.textContent = p.id;
      a.append(name, id);
      li.append(a);
      list.append(li);
    }
  }

  function route() {
    if (!state.key || $('#app').hidden) return;
    const m = /^#\/projects\/(.+)$/.exec(location.hash);
    const id = m ? decodeURIComponent(m[1]) : '';
    const p = state.projects.find((x) => x.id === id);
    for (const a of $$('.project-link')) {
      a.classList.toggle('active', a.dataset.project === id);
      if (a.dataset.project === id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (!p) {
      state.project = null;
      $('#project').hidden = true;
      $('#no-project').hidden = false;
      return;
    }
    openProject(p);
  }

  // statusDateOf is the last day before a project's data date (a data date
  // at midnight starts the next day), or today.
  function statusDateOf(p) {
    const dd = p.options && p.options.dataDate;
    const m = dd && /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(dd);
    let d;
    if (m) {
      d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (!m[4] || (m[4] === '00' && m[5] === '00')) d.setUTCDate(d.getUTCDate() - 1);
    } else {
      const now = new Date();
      d = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
    }
    return d.toISOString().slice(0, 10);
  }

  function openProject(p) {
    const changed = !state.project || state.project.id !== p.id;
    state.project = p;
    $('#no-project').hidden = true;
    $('#project').hidden = false;
    $('#project-name').textContent = p.name || p.id;
    $('#project-id').textContent = p.id;
    $('#project-data-date').textContent = (p.options && p.options.dataDate) || t('none');
    if (changed) {
      $('#status-date').value = statusDateOf(p);
      state.ganttOffset = 0;
    }
    loadProject();
  }

  async function loadProject() {
    const p = state.project;
    if (!p) return;
    const gen = ++state.generation;
    state.cache = { tenant: state.cache.tenant };
    for (const id of ['indices-card', 'gantt-card', 's-curve-card', 'index-trend-card', 'labour-card', 'checks-card']) {
      section(id, 'loading');
    }
    resetIndices();
    // The cost record gives the currency and the baseline the Gantt chart
    // shows; a project without one still has its schedule.
    state.currency = '';
    state.baseline = null;
    try {
      const c = await api(projectPath(p.id) + '/cost');
      if (gen !== state.generation) return;
      state.currency = c.currency || '';
      state.baseline = c.baseline ?? null;
    } catch (e) {
      if (e.status === 401 || gen !== state.generation) return;
    }
    for (const el of $$('.currency')) el.textContent = state.currency;
    await Promise.all([loadIndices(gen), loadGantt(gen), loadCharts(gen), loadLabour(gen), loadChecks(gen)]);
  }

  const stale = (gen) => gen !== state.generation;
  const evQuery = () => ({ statusDate: $('#status-date').value, period: $('#period').value });

  // ---- Indices ----------------------------------------------------------

  const KPIS = ['spi', 'cpi', 'eac', 'vac', 'spit'];

  function resetIndices() {
    for (const k of KPIS) {
      const el = document.getElementById('kpi-' + k);
      el.textContent = '—';
      el.removeAttribute('data-value');
      el.closest('.kpi').dataset.tone = '';
    }
    for (const k of ['bac', 'pv', 'ev', 'ac']) $('#fig-' + k).textContent = '—';
    $('#indices-asof').textContent = '';
  }

  async function loadIndices(gen) {
    try {
      const ev = await api(projectPath(state.project.id) + '/earned-value?' + q(evQuery()));
      if (stale(gen)) return;
      state.cache.ev = ev;
      renderIndices(ev);
      section('indices-card', 'ready');
    } catch (e) {
      if (!stale(gen)) section('indices-card', 'error', e);
    }
  }

  function renderIndices(ev) {
    const st = ev.status;
    const m = st.metrics;
    const est = m.estimates.cpi;
    const values = {
      spi: [m.spi, 2],
      cpi: [m.cpi, 2],
      eac: [est.eac, 2],
      vac: [est.vac, 2],
      spit: [ev.series.earnedSchedule.spi, 2],
    };
    for (const [k, [v, places]] of Object.entries(values)) {
      const el = document.getElementById('kpi-' + k);
      el.textContent = formatDecimal(v, places);
      if (v === null || v === undefined) el.setAttribute('data-value', '');
      else el.setAttribute('data-value', String(v));
      let tone = '';
      if (v !== null && v !== undefined) {
        if (k === 'vac') tone = sign(v) < 0 ? 'bad' : 'good';
        else if (k !== 'eac') tone = compareOne(v) < 0 ? 'bad' : 'good';
      }
      el.closest('.kpi').dataset.tone = tone;
    }
    for (const k of ['bac', 'pv', 'ev', 'ac']) {
      $('#fig-' + k).textContent = formatDecimal(st[k], 2) + (state.currency ? ' ' + state.currency : '');
    }
    $('#indices-asof').textContent = t('asOf', { date: ev.statusDate });
  }

  // ---- Gantt ------------------------------------------------------------

  async function loadGantt(gen) {
    const box = $('#gantt');
    const params = {
      offset: state.ganttOffset,
      limit: GANTT_PAGE,
      width: chartWidth(box),
      links: $('#gantt-links').checked ? 'true' : '',
    };
    const path = projectPath(state.project.id) + '/gantt.svg?';
    try {
      let text;
      if ($('#gantt-baseline').checked && state.baseline !== null) {
        try {
          text = await api(path + q({ ...params, baseline: state.baseline }), 'svg');
        } catch (e) {
          if (e.status !== 404) throw e;
          // The baseline is not taken yet: the chart without it.
        }
      }
      if (text === undefined) text = await api(path + q(params), 'svg');
      if (stale(gen)) return;
      const svg = putSVG(box, text);
      state.cache.gantt = {
        offset: +svg.getAttribute('data-offset') || 0,
        rows: +svg.getAttribute('data-rows') || 0,
        total: +svg.getAttribute('data-total-rows') || 0,
      };
      renderGanttRows(state.cache.gantt);
      section('gantt-card', 'ready');
    } catch (e) {
      if (stale(gen)) return;
      box.replaceChildren();
      section('gantt-card', 'error', e);
    }
  }

  function renderGanttRows(g) {
    $('#gantt-rows').textContent = g.total > 0 ? t('rows', { from: g.offset + 1, to: g.offset + g.rows, total: g.total }) : '';
    $('#gantt-prev').disabled = g.offset <= 0;
    $('#gantt-next').disabled = g.offset + g.rows >= g.total;
  }

  // ---- S-curve and index trend -------------------------------------------

  async function loadCharts(gen) {
    const base = projectPath(state.project.id);
    const one = async (card, box, path, height) => {
      try {
        const text = await api(base + path + '?' + q({ ...evQuery(), width: chartWidth(box), height }), 'svg');
        if (stale(gen)) return;
        putSVG(box, text);
        section(card, 'ready');
      } catch (e) {
        if (stale(gen)) return;
        box.replaceChildren();
        section(card, 'error', e);
      }
    };
    await Promise.all([
      one('s-curve-card', $('#s-curve'), '/s-curve.svg', 380),
      one('index-trend-card', $('#index-trend'), '/index-trend.svg', 380),
    ]);
  }

  // ---- Labour -----------------------------------------------------------

  function renderLabourButtons() {
    for (const b of $$('[data-labour-by]')) b.classList.toggle('active', b.dataset.labourBy === state.labourBy);
    for (const b of $$('[data-labour-value]')) b.classList.toggle('active', b.dataset.labourValue === state.labourValue);
  }

  async function loadLabour(gen) {
    renderLabourButtons();
    const project = state.project.id;
    const box = $('#labour-bars');
    try {
      const [summary, bars] = await Promise.all([
        api('/labour/summary?' + q({ groupBy: state.labourBy, project })),
        api('/labour/bars.svg?' + q({ groupBy: state.labourBy, value: state.labourValue, period: $('#period').value, project, width: chartWidth(box), height: 320 }), 'svg'),
      ]);
      if (stale(gen)) return;
      state.cache.labour = { by: state.labourBy, summary };
      renderLabourTable(state.cache.labour);
      putSVG(box, bars);
      section('labour-card', 'ready');
    } catch (e) {
      if (stale(gen)) return;
      box.replaceChildren();
      section('labour-card', 'error', e);
    }
  }

  function addDecimals(a, b) {
    // Exact sum of two non-negative decimal texts (hours), as text.
    const pa = decimalParts(a ?? '0') || { int: '0', frac: '' };
    const pb = decimalParts(b ?? '0') || { int: '0', frac: '' };
    const places = Math.max(pa.frac.length, pb.frac.length);
    const n = BigInt(pa.int + pa.frac.padEnd(places, '0')) + BigInt(pb.int + pb.frac.padEnd(places, '0'));
    const s = n.toString().padStart(places + 1, '0');
    return places ? s.slice(0, s.length - places) + '.' + s.slice(s.length - places) : s;
  }

  function renderLabourTable({ by, summary }) {
    $('#labour-group-head').textContent = t(by);
    const body = $('#labour-table tbody');
    const foot = $('#labour-table tfoot');
    const row = (cells, cls) => {
      const tr = document.createElement('tr');
      if (cls) tr.className = cls;
      cells.forEach((c, i) => {
        const td = document.createElement(cls === 'total' && i === 0 ? 'th' : 'td');
        td.textContent = c;
        if (i > 0) td.className = 'num';
        tr.append(td);
      });
      return tr;
    };
    const cells = (name, g) => [
      name,
      String(g.slips ?? 0),
      formatDecimal(g.workDays ?? '0', 1),
      formatDecimal(addDecimals(g.hours?.overtime, g.hours?.doubleTime), 1),
      formatDecimal(g.amount ?? '0', 2),
    ];
    body.replaceChildren(...summary.groups.map((g) => row(cells(g.key[by] || '—', g))));
    if (summary.groups.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 5;
      td.className = 'muted';
      td.textContent = t('noLabour');
      tr.append(td);
      body.replaceChildren(tr);
    }
    foot.replaceChildren(row(cells(t('total'), summary.total), 'total'));
  }

  // ---- Checks -----------------------------------------------------------

  async function loadChecks(gen) {
    try {
      const checks = await api('/labour/checks?' + q({ project: state.project.id, asOf: $('#status-date').value }));
      if (stale(gen)) return;
      state.cache.checks = checks;
      renderFindings(checks);
      section('checks-card', 'ready');
    } catch (e) {
      if (stale(gen)) return;
      $('#findings').replaceChildren();
      section('checks-card', 'error', e);
    }
  }

  function renderFindings(checks) {
    const list = $('#findings');
    const fs = checks.findings || [];
    $('#findings-count').textContent = String(fs.length);
    $('#findings-count').dataset.tone = fs.length ? 'warn' : 'good';
    $('#findings-none').hidden = fs.length > 0;
    const byRule = new Map();
    for (const f of fs) byRule.set(f.rule, (byRule.get(f.rule) || 0) + 1);
    $('#findings-rules').replaceChildren(...Array.from(byRule, ([rule, n]) => {
      const c = document.createElement('span');
      c.className = 'chip rule-' + rule;
      c.textContent = t('rule.' + rule) + ' ' + n;
      return c;
    }));
    list.replaceChildren(...fs.map((f) => {
      const li = document.createElement('li');
      li.className = 'finding';
      li.dataset.rule = f.rule;
      const rule = document.createElement('span');
      rule.className = 'chip rule-' + f.rule;
      rule.textContent = t('rule.' + f.rule);
      const when = document.createElement('span');
      when.className = 'finding-meta mono';
      when.textContent = [f.date, f.workerId ? t('worker') + ' ' + f.workerId : ''].filter(Boolean).join(' · ');
      const msg = document.createElement('span');
      msg.className = 'finding-message';
      msg.textContent = f.message;
      const ids = document.createElement('span');
      ids.className = 'finding-slips mono muted';
      ids.textContent = (f.slipIds || []).join(', ');
      li.append(rule, when, msg, ids);
      return li;
    }));
  }

  // ---- Wiring -----------------------------------------------------------

  function init() {
    const saved = localStorage.getItem(LANG_STORE);
    state.lang = saved === 'zh' || saved === 'en' ? saved : (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    applyLang();

    $('#lang-toggle').addEventListener('click', () => {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem(LANG_STORE, state.lang);
      applyLang();
    });
    $('#key-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const key = $('#key-input').value.trim();
      if (!key) {
        showKeyPanel(t('keyRequired'));
        return;
      }
      $('#key-error').hidden = true;
      try {
        await useKey(key);
        $('#key-input').value = '';
      } catch (e) {
        if (e.status !== 401) showKeyPanel(t('failed') + ': ' + (e.detail || e.message));
      }
    });
    $('#key-change').addEventListener('click', () => {
      localStorage.removeItem(KEY_STORE);
      state.key = '';
      state.generation++;
      showKeyPanel('');
    });
    $('#controls').addEventListener('submit', (ev) => {
      ev.preventDefault();
      loadProject();
    });
    $('#period').addEventListener('change', () => loadProject());
    $('#status-date').addEventListener('change', () => {
      if ($('#status-date').value) loadProject();
    });
    const reloadGantt = () => {
      section('gantt-card', 'loading');
      loadGantt(state.generation);
    };
    $('#gantt-links').addEventListener('change', reloadGantt);
    $('#gantt-baseline').addEventListener('change', reloadGantt);
    $('#gantt-prev').addEventListener('click', () => {
      state.ganttOffset = Math.max(0, state.ganttOffset - GANTT_PAGE);
      reloadGantt();
    });
    $('#gantt-next').addEventListener('click', () => {
      state.ganttOffset += GANTT_PAGE;
      reloadGantt();
    });
    for (const b of $$('[data-labour-by]')) {
      b.addEventListener('click', () => {
        state.labourBy = b.dataset.labourBy;
        section('labour-card', 'loading');
        loadLabour(state.generation);
      });
    }
    for (const b of $$('[data-labour-value]')) {
      b.addEventListener('click', () => {
        state.labourValue = b.dataset.labourValue;
        section('labour-card', 'loading');
        loadLabour(state.generation);
      });
    }
    window.addEventListener('hashchange', route);

    const key = localStorage.getItem(KEY_STORE);
    if (key) {
      useKey(key).catch((e) => {
        if (e.status !== 401) showKeyPanel(t('failed') + ': ' + (e.detail || e.message));
      });
    } else {
      showKeyPanel('');
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
