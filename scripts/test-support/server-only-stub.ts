// Tests run outside Next: "server-only" would throw there, so it resolves to this empty module.
export {};
