package dev.lightbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Layering the module test (Spring Modulith) does not see: where SQL may live, and who may reach it. */
class ArchitectureTest {

    private static JavaClasses lightbox;

    @BeforeAll
    static void importClasses() {
        lightbox = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lightbox");
    }

    @Test
    void onlyRepositoriesTalkSql() {
        classes().that().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .or().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .or().dependOnClassesThat().areAssignableTo(NamedParameterJdbcTemplate.class)
                .or().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .should().beAnnotatedWith(Repository.class).andShould().haveSimpleNameEndingWith("Repository")
                .because("SQL lives in a module's repositories, so a newcomer finds every query of a feature in one place")
                .check(lightbox);
    }

    @Test
    void viewsAndControllersGoThroughServices() {
        noClasses().that().resideInAPackage("..ui..")
                .or().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .orShould().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
                .because("views and controllers call services; services own transactions and scoping to the caller")
                .check(lightbox);
    }
}
