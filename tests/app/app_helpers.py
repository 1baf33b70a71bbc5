"""Shared data for the app tests: a small pathway with two organisations, as YAML text."""

from __future__ import annotations

SMALL = """\
format: 1
id: falls
title: Falls prevention for older people
status: draft
organisations:
  - id: icb
    name: North Integrated Care Board
    role: commissioner
  - id: trust
    name: Community Health Trust
    role: nhs-provider
  - id: ageuk
    name: Age UK North
    role: voluntary-sector
steps:
  - id: referral
    label: Referral after a fall
    kind: entry
    setting: community
    owner: trust
    wait: 2d
  - id: assessment
    label: Falls risk assessment
    kind: assessment
    setting: home
    owner: trust
    wait: 1w
  - id: risk
    label: Is the risk high?
    kind: decision
    owner: trust
  - id: strength
    label: Strength and balance classes
    kind: intervention
    setting: community
    owner: ageuk
    duration: 12w
    modality: group exercise
    measures: [falls-12m]
  - id: discharge
    label: Back to the GP with a plan
    kind: exit
    owner: trust
transitions:
  - from: referral
    to: assessment
  - from: assessment
    to: risk
  - from: risk
    to: strength
    when: 'Yes'
    handoff: Referral letter and shared care record
  - from: risk
    to: discharge
    when: 'No'
  - from: strength
    to: discharge
    handoff: Class report to the GP
outcomes:
  - id: falls-12m
    measure: Falls in the next 12 months
    direction: lower
involvement:
  - date: 2026-10-01
    who: Older people's forum
    how: Co-design workshop
    changed: Classes moved to village halls
"""
