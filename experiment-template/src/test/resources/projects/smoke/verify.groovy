// The archetype IT "smoke": archetype.properties generates a project, goal.txt builds it with tiny settings
// (1 epoch on 600 images, one seed, haltOnFailure=false since the POM's real limits fail at that scale): verify runs
// train -> attach-results -> check, site runs the report. Here: the generated files are complete and well-formed,
// the YAML parses, the CI files name only goals and properties the plugin has, and the build did what the POM says.
import java.util.regex.Pattern
import java.util.zip.ZipFile
import javax.xml.parsers.DocumentBuilderFactory

// maven-script-interpreter binds basedir (this directory) and context, the archetype plugin's map
File project = context.projectDir
File template = project
while (!new File(template, 'src/main/resources/archetype-resources').isDirectory()) {
    template = template.parentFile
    assert template != null : "no archetype module above ${project}"
}
def text = { String path -> new File(project, path).getText('UTF-8') }
def name = 'mnist-experiments-1.0-SNAPSHOT'

// the generated files
def files = ['pom.xml', 'README.md', '.gitignore', '.github/workflows/experiments.yml',
             'ci/kubernetes-indexed-job.yaml', 'ci/kubernetes-aggregate-job.yaml', 'ci/slurm-array.sh',
             'ci/slurm-aggregate.sh']
files.each { assert new File(project, it).isFile() : "not generated: ${it}" }
// the plugin resolves the host's native binaries itself: no javacpp.platform anywhere
assert !new File(project, '.mvn/maven.config').exists()

// Velocity filled the README and left GitHub's and the shell's syntax alone
def readme = text('README.md')
assert readme.startsWith('# mnist-experiments\n') : readme.take(200)
assert readme.contains('\n## Run it\n') && readme.contains('\n### Slurm: `ci/slurm-array.sh`\n')
assert readme.contains('-Dssgan.shard=${{ matrix.shard }}/4')
assert readme.contains('`$GITHUB_STEP_SUMMARY`')
assert readme.contains("target/${name}-ssgan-results.zip")
assert readme.contains('<baseline>org.example.ssgan:mnist-experiments:1.0.0</baseline>')
assert readme.contains('jobid=$(sbatch --parsable ci/slurm-array.sh)')
['#set', '$h2', '$h3', '${d}', '${artifactId}', '${groupId}', '${version}'].each {
    assert !readme.contains(it) : "README.md keeps Velocity's ${it}"
}
def pom = text('pom.xml')
assert pom.contains('<artifactId>mnist-experiments</artifactId>') && pom.contains('<epochs>${experiment.epochs}</epochs>')
assert text('.github/workflows/experiments.yml').contains('${{ matrix.shard }}')

// the YAML parses (SnakeYAML, copied by the archetype module's build: the script's classpath has no YAML parser)
def snakeyaml = new File(template, 'target/it-lib/snakeyaml.jar')
assert snakeyaml.isFile()
def loader = new URLClassLoader([snakeyaml.toURI().toURL()] as URL[], getClass().classLoader)
def parseAll = { String path ->
    loader.loadClass('org.yaml.snakeyaml.Yaml').getDeclaredConstructor().newInstance().loadAll(text(path)).collect()
}
def workflow = parseAll('.github/workflows/experiments.yml')[0]
// YAML 1.1 reads the key "on" as true
def triggers = workflow.containsKey('on') ? workflow.on : workflow[true]
assert triggers.containsKey('workflow_dispatch') && triggers.push.paths.contains('pom.xml')
def train = workflow.jobs.train
assert train.strategy.matrix.shard == [1, 2, 3, 4]
assert train.steps.find { it.run?.contains('ssgan:train -Dssgan.shard=${{ matrix.shard }}/4') }
def upload = train.steps.find { it.uses?.startsWith('actions/upload-artifact@') }
assert upload.with.name == 'results-shard-${{ matrix.shard }}' && upload.with.path == 'target/ssgan/'
assert train.steps.find { it.uses?.startsWith('actions/setup-java@') }.with == [distribution: 'temurin', 'java-version': '17', cache: 'maven']
def aggregate = workflow.jobs.aggregate
assert aggregate.needs == 'train'
assert aggregate.steps.find { it.uses?.startsWith('actions/download-artifact@') }.with.pattern == 'results-shard-*'
def runs = aggregate.steps.findAll { it.run }.collect { it.run }
assert runs.any { it.contains('ssgan:aggregate -Dssgan.resultDirectories=') }
assert runs.any { it.contains('ssgan:check') } && runs.any { it.contains(' site') }
assert !runs.any { it =~ /\b(verify|install|package)\b/ } : 'the aggregate job must not train: goals, not phases'
assert aggregate.steps.find { it.with?.report_paths == 'target/ssgan-check/TEST-ssgan-check.xml' }

def indexed = parseAll('ci/kubernetes-indexed-job.yaml').find { it.kind == 'Job' }
assert indexed.spec.completionMode == 'Indexed' && indexed.spec.completions == 4 && indexed.spec.parallelism == 4
def trainArgs = indexed.spec.template.spec.containers[0].args.join('\n')
assert trainArgs.contains('shard=$((JOB_COMPLETION_INDEX + 1))')
assert trainArgs.contains('ssgan:train -Dssgan.shard=$shard/4') && trainArgs.contains('-Dssgan.outputDirectory=/results/shard-$shard')
def merge = parseAll('ci/kubernetes-aggregate-job.yaml')[0]
assert merge.kind == 'Job' && merge.spec.template.spec.containers[0].args.join('\n').contains('ssgan:aggregate')

def slurm = text('ci/slurm-array.sh')
assert slurm.contains('\n#SBATCH --array=1-4\n')
assert slurm.contains('ssgan:train -Dssgan.shard=${SLURM_ARRAY_TASK_ID}/4')
assert slurm.contains('-Dssgan.outputDirectory=results/shard-${SLURM_ARRAY_TASK_ID}')
assert slurm.contains('--dependency=afterok:')
['ci/slurm-array.sh', 'ci/slurm-aggregate.sh'].each { script ->
    def p = new ProcessBuilder('bash', '-n', new File(project, script).path).redirectErrorStream(true).start()
    assert p.waitFor() == 0 : "${script}: ${p.inputStream.text}"
}

// every ssgan goal and -Dssgan.* property the files name is one the plugin has (its descriptor)
def descriptor = new File(template, '../ssgan-maven-plugin/target/classes/META-INF/maven/plugin.xml')
assert descriptor.isFile() : "build ssgan-maven-plugin first: ${descriptor}"
def dom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor).documentElement
def nodes = { String tag -> def l = dom.getElementsByTagName(tag); (0..<l.length).collect { l.item(it).textContent.trim() } }
def goals = nodes('goal') as Set
// each goal's <configuration> holds the expressions, e.g. <epochs implementation="int">${ssgan.epochs}</epochs>
def knownProperties = nodes('configuration').join(' ').findAll(/\$\{ssgan\.(\w+)\}/) { it[1] } as Set
assert goals.containsAll(['train', 'report', 'check', 'attach-results', 'aggregate', 'help']) : goals
assert knownProperties.containsAll(['epochs', 'seeds', 'trainLimit', 'haltOnFailure', 'shard', 'resultDirectories']) : knownProperties
def goalPattern = Pattern.compile(/(?<![\w.-])ssgan:([a-z][a-z-]*)/)
def propertyPattern = Pattern.compile(/-Dssgan\.(\w+)/)
(files - ['.gitignore']).each { path ->
    def content = text(path)
    def named = content.findAll(goalPattern) { it[1] } as Set
    assert goals.containsAll(named) : "${path} names goals the plugin lacks: ${named - goals}"
    def props = content.findAll(propertyPattern) { it[1] } as Set
    assert knownProperties.containsAll(props) : "${path} names properties the plugin lacks: ${props - knownProperties}"
}
assert text('.github/workflows/experiments.yml').findAll(goalPattern) { it[1] } as Set ==
        ['train', 'aggregate', 'check', 'attach-results'] as Set

// the build: train (package), attach-results (package, after it), check (verify), then the site's report
def log = new File(project, 'build.log').text
def at = { String goal -> def i = log.indexOf(":${goal} ("); assert i >= 0 : "${goal} did not run"; i }
assert at('train') < at('attach-results') && at('attach-results') < at('check')
assert log.contains('BUILD SUCCESS')
['labeled-10pct', 'labeled-100pct', 'labels-100'].each { id ->
    ['seed-1', 'supervised-seed-1'].each { run ->
        def result = new File(project, "target/ssgan/${id}/${run}/result.json")
        assert result.isFile() : "not trained: ${id}/${run}"
        // -Dssgan.epochs beats the experiment's own epochs (labels-100: ${labels100.epochs})
        assert result.text =~ /"epochs"\s*:\s*1\b/
    }
}
def zip = new File(project, "target/${name}-ssgan-results.zip")
assert zip.isFile()
new ZipFile(zip).withCloseable { z -> assert z.getEntry('labels-100/seed-1/result.json') != null }

// 4 rules, 5 limits: each checked, logged and written, failing ones as warnings (haltOnFailure=false)
assert log.contains('ssgan:check: 5 check(s) of 4 rule(s)')
assert log =~ /(PASS|FAIL) rule 4, labels-100, minimumGainOverSupervised: gain over supervised /
def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(project, 'target/ssgan-check/TEST-ssgan-check.xml')).documentElement
assert suite.getAttribute('name') == 'ssgan.check' && suite.getAttribute('tests') == '5'
assert new File(project, 'target/ssgan-check/summary.md').text.startsWith('## ssgan check: ')

def page = new File(project, 'target/site/ssgan/index.html')
assert !log.contains('has an empty version') : 'the generated POM leaves a report plugin unversioned'
assert page.isFile() && page.text.contains('labels-100')
println "smoke: generated ${files.size()} files, trained 6 runs, 5 checks written, report at ${page}"
return true
