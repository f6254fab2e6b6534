console.log("web build skipped (bootstrap)")
