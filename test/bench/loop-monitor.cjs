// Loaded into the server by test/bench/server.mjs (node --require): records every event-loop gap over 50 ms
// between 5 ms interval ticks, with the process CPU time spent in it (a gap with little CPU is the machine
// running other processes, not the server blocking), and writes them at exit to $NORMLINT_LOOP_GAPS as
// [startUs, endUs, cpuMs] on the monotonic clock (process.hrtime: the same clock in the bench process).
const { writeFileSync } = require('node:fs');
const gaps = [];
let last = process.hrtime.bigint(), lastCpu = process.cpuUsage();
setInterval(() => {
  const now = process.hrtime.bigint(), cpu = process.cpuUsage();
  if (now - last > 50_000_000n) gaps.push([Number(last / 1000n), Number(now / 1000n), Math.round((cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000)]);
  last = now; lastCpu = cpu;
}, 5).unref();
process.on('exit', () => { if (process.env.NORMLINT_LOOP_GAPS) writeFileSync(process.env.NORMLINT_LOOP_GAPS, JSON.stringify(gaps)); });
