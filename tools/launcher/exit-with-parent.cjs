// Preloaded into each app the launcher starts: when the launcher disappears (its pid is no longer
// our parent), stop as if Ctrl-C had been pressed, so no app is left running on its own.
const launcher = process.ppid;
setInterval(() => {
  if (process.ppid !== launcher) process.kill(process.pid, 'SIGTERM');
}, 1000).unref();
