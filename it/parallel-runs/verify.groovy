import groovy.json.JsonSlurper

def target = new File(basedir, 'target')
def slurper = new JsonSlurper()
def log = new File(basedir, 'build.log').text
def sections = log.split(/(?m)^.*Building parallel-runs 1\.0.*$/).drop(1) as List
assert sections.size() == 3 : "expected 3 invocations in build.log, found ${sections.size()}"

def grid = ['labeled-10pct', 'labels-10'].collectMany { id -> [1, 2].collect { seed -> "${id}/seed-${seed}".toString() } }
def runs = grid.collectMany { [it, it.replace('/seed-', '/supervised-seed-')] }
def withoutSeconds = { File csv -> csv.readLines()*.replaceFirst(/,[^,]*$/, '') }

// one JVM, then two side by side, each taking the next run no other is training; every line of a run names the run
assert !sections[0].contains('training JVMs side by side')
assert sections[1].contains('2 training JVMs side by side, 1 thread(s) each, each taking the next run no other is training (parallelRuns 2)')
[1, 2].each { i ->
    assert sections[1].contains("training JVM ${i}/2: takes the suite's runs in order of cost, skipping those another JVM is training")
}
// each run trained by one of them, once
runs.each { run -> assert (sections[1] =~ /\[${java.util.regex.Pattern.quote(run)}\] epoch 2\/2/).collect().size() == 1 : run }
// the table of the whole grid once, after both JVMs
assert sections[1].findAll(/test accuracy \(mean ± std\)/).size() == 1
def table = sections[1].substring(sections[1].indexOf('test accuracy (mean ± std)'))
assert table =~ /labeled-10pct\s+60\s+2\s+1,2/
assert table =~ /labels-10\s+10\s+2\s+1,2/

// the same numbers, run for run
runs.each { run ->
    def a = new File(target, "one-at-a-time/${run}")
    def b = new File(target, "side-by-side/${run}")
    assert withoutSeconds(new File(b, 'metrics.csv')) == withoutSeconds(new File(a, 'metrics.csv')) : run
    assert withoutSeconds(new File(b, 'metrics.csv')).size() == 3
    def ra = slurper.parse(new File(a, 'result.json'))
    def rb = slurper.parse(new File(b, 'result.json'))
    assert rb.configHash == ra.configHash
    assert rb.testAccuracy == ra.testAccuracy
    // /3 hashes its thread count, and result.json says it
    assert rb.config.threads == 1 && rb.provenance.threads == 1
}

// up to date: no training JVM is started
assert sections[2].contains('Nothing to train: all 8 run(s) up to date; the training JVM is not started')
