import type { ChartOption } from '@/composables/useEcharts'
import type { SetUpSurveyRequest, SurveyProgressView, SurveyView } from './api'

type Numbers = 'verySatisfiedPoints' | 'satisfiedPoints' | 'fairlySatisfiedPoints' | 'dissatisfiedPoints' | 'veryDissatisfiedPoints' | 'minimumSample'

/** The request as the form edits it: its numbers as numbers, for the number inputs. */
export type SurveyForm = Omit<SetUpSurveyRequest, Numbers> & Record<Numbers, number>

/** The form of the questionnaire as the office edits it, started from what the server answered (its draft before the first save). */
export function formOf(view: SurveyView): SurveyForm {
  const points = Object.fromEntries(view.levels.map((l) => [l.level, Number(l.points)]))
  return {
    title: view.title,
    intro: view.intro,
    questions: view.questions.map((q) => ({ itemId: q.itemId, text: q.text })),
    verySatisfiedPoints: points.VerySatisfied ?? 100,
    satisfiedPoints: points.Satisfied ?? 80,
    fairlySatisfiedPoints: points.FairlySatisfied ?? 60,
    dissatisfiedPoints: points.Dissatisfied ?? 30,
    veryDissatisfiedPoints: points.VeryDissatisfied ?? 0,
    definition: view.definition,
    minimumSample: Number(view.minimumSample),
    allowsComment: view.allowsComment,
    opensAt: view.exists ? view.opensAt : null,
    closesAt: view.closesAt,
    publicBaseAddress: view.publicBaseAddress ?? null,
    expectedVersion: Number(view.version),
  }
}

/** Sheets per unit as bars, with the minimum sample as a marked line, for the progress chart. */
export function progressChart(progress: SurveyProgressView, answersLabel: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 60 },
    xAxis: { type: 'category', data: progress.units.map((u) => u.unitName), axisLabel: { interval: 0, rotate: progress.units.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: answersLabel,
        data: progress.units.map((u) => Number(u.answers) - Number(u.discarded)),
        markLine: { symbol: 'none', data: [{ yAxis: Number(progress.minimumSample) }] },
      },
    ],
  }
}

/** Sheets per day as a line. */
export function dayChart(progress: SurveyProgressView, answersLabel: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 30 },
    xAxis: { type: 'category', data: progress.days.map((d) => d.day) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'line', name: answersLabel, data: progress.days.map((d) => Number(d.answers)) }],
  }
}
