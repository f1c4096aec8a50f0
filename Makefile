# Both targets find a JDK >= 21 on their own (bin/jdk), so a machine whose default java is older works as is.
JAVA_HOME := $(shell bin/jdk)
export JAVA_HOME
MVN := ./mvnw -B -ntp
JAR := target/lightbox.jar

.PHONY: run demo test dev package bench clean

## Run Lightbox on its embedded defaults (PostgreSQL + S3 under ./data) at http://localhost:8080
## exec: Java replaces the recipe's shell, so Ctrl-C or SIGTERM reaches it directly; it shuts down gracefully
## and exits 0 (no "make: *** Error 143").
run: $(JAR)
	exec $(JAVA_HOME)/bin/java -jar $(JAR)

## Run as above with the demo library (LIGHTBOX_DEMO=true): the demo account's login is printed once in the log
demo: $(JAR)
	exec env LIGHTBOX_DEMO=true $(JAVA_HOME)/bin/java -jar $(JAR)

## Build the production jar (target/lightbox.jar) when sources changed
$(JAR): pom.xml $(shell find src/main -type f)
	$(MVN) -Pproduction package -DskipTests

package: $(JAR)

## Run every test: unit, integration (embedded PostgreSQL + S3), browser (Chromium), module verification,
## then the packaged jar as a process. Needs Chromium at /usr/bin/chromium (apt-get install chromium).
test:
	$(MVN) -Pproduction verify

## Run from sources in Vaadin development mode
dev:
	$(MVN) spring-boot:run

## Benchmarks (print figures and ratios against baselines measured in the same run): startup, memory and
## jar size; thumbnails vs vipsthumbnail; a 1 GB upload; a million-photo timeline. Needs libvips-tools.
bench: $(JAR)
	bench/startup.sh
	$(MVN) -Pproduction,bench test

clean:
	$(MVN) clean
