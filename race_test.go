//go:build race

package xdome

const raceEnabled = true
