// One violation: which check, where (file and the block inside it), and what
// to change. Printed as one line.
export function finding(check, file, where, message) {
  return { check, file, where, message };
}

export function formatFinding({ check, file, where, message }) {
  return `${check}: ${file}${where ? ` (${where})` : ''}: ${message}`;
}
