// A rule module that throws while it is loaded.
throw new Error("cannot reach the rule catalogue server");
