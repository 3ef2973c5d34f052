//go:build race

package xdomeprocessor

const raceEnabled = true
